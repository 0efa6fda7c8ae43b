import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { addressAwaitAnnotations } from "../cluster/addressAwait";
import type { Cluster } from "../cluster/types";
import { objectMeta, type AppMeta } from "./labels";

/** The port the Service listens on; it forwards to the app's container port. */
export const servicePort = 80;

export interface ServiceProps {
    /** The container port. */
    targetPort: number;
    /** A public LoadBalancer Service instead of ClusterIP. Default false. */
    loadBalancer?: boolean;
    cluster: Pick<Cluster, "loadBalancerAddresses" | "cloud">;
}

/** Annotations a LoadBalancer Service needs on this cluster. */
export function loadBalancerAnnotations(cluster: Pick<Cluster, "loadBalancerAddresses" | "cloud">): Record<string, string> {
    return {
        // The app asked for a public load balancer (checked by the policy pack's load-balancer-opt-in rule).
        "webstack.dev/expose": "loadBalancer",
        ...addressAwaitAnnotations(cluster),
        // A Network Load Balancer rather than the deprecated Classic ELB.
        ...(cluster.cloud === "aws" ? { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" } : {}),
    };
}

/** The app's Service: port 80 to the container port, like `kubectl expose --port 80 --target-port <port>`. */
export function appService(meta: AppMeta, props: ServiceProps, opts: pulumi.CustomResourceOptions): k8s.core.v1.Service {
    const annotations = props.loadBalancer ? loadBalancerAnnotations(props.cluster) : {};
    return new k8s.core.v1.Service(meta.name, {
        metadata: objectMeta(meta, Object.keys(annotations).length > 0 ? { annotations } : {}),
        spec: {
            type: props.loadBalancer ? "LoadBalancer" : "ClusterIP",
            selector: meta.labels.selector,
            ports: [{ name: "http", port: servicePort, targetPort: props.targetPort, protocol: "TCP" }],
        },
    }, opts);
}
