import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { loadBalancerServiceAnnotations } from "../kube/loadBalancer";
import { clusterContextDefaults, type ClusterContext } from "../cluster/types";
import { objectMeta, type AppMeta } from "./labels";

export interface ServiceProps {
    /** The port the Service listens on (webstack:apps.<name>.servicePort). */
    port: number;
    /** Name of the port, the container port's too (portName). */
    portName: string;
    /** The container port. */
    targetPort: number;
    /** A public LoadBalancer Service instead of ClusterIP. @default false */
    loadBalancer?: boolean;
    cluster: ClusterContext;
}

/** Annotations a LoadBalancer Service needs on this cluster. */
function loadBalancerAnnotations(cluster: ClusterContext): Record<string, string> {
    return {
        // The app asked for a public load balancer (checked by the policy pack's load-balancer-opt-in rule).
        "webstack.dev/expose": "loadBalancer",
        ...loadBalancerServiceAnnotations({
            cloud: cluster.cloud ?? clusterContextDefaults.cloud,
            loadBalancerAddresses: cluster.loadBalancerAddresses ?? clusterContextDefaults.loadBalancerAddresses,
        }),
    };
}

/** The app's Service: its port to the container port, like `kubectl expose --port <port> --target-port <targetPort>`. */
export function appService(meta: AppMeta, props: ServiceProps, opts: pulumi.CustomResourceOptions): k8s.core.v1.Service {
    const annotations = props.loadBalancer ? loadBalancerAnnotations(props.cluster) : {};
    return new k8s.core.v1.Service(meta.name, {
        metadata: objectMeta(meta, Object.keys(annotations).length > 0 ? { annotations } : {}),
        spec: {
            type: props.loadBalancer ? "LoadBalancer" : "ClusterIP",
            selector: meta.labels.selector,
            ports: [{ name: props.portName, port: props.port, targetPort: props.targetPort, protocol: "TCP" }],
        },
    }, opts);
}
