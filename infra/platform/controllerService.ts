import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { addressAwaitAnnotations } from "../cluster/addressAwait";
import type { Cluster } from "../cluster/types";

/** Annotations for the in-tree AWS cloud provider: an internet-facing NLB spread over every zone. */
const awsNlbAnnotations: Record<string, string> = {
    "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
    "service.beta.kubernetes.io/aws-load-balancer-backend-protocol": "tcp",
    "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled": "true",
};

/**
 * Annotations of the controller's LoadBalancer Service for a cluster: NLB on EKS (no AWS Load Balancer
 * Controller is installed, so the in-tree annotations apply), and no await where no address ever comes
 * (minikube, kind: pulumi-kubernetes#567). Elsewhere Pulumi waits for the address.
 */
export function controllerServiceAnnotations(cluster: Pick<Cluster, "cloud" | "loadBalancerAddresses">): Record<string, string> {
    return {
        ...(cluster.cloud === "aws" ? awsNlbAnnotations : {}),
        ...addressAwaitAnnotations(cluster),
    };
}

/** What a Service's status may hold: nothing at all before the load balancer exists. */
export interface LoadBalancerStatusLike {
    loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] };
}

/** The first load-balancer address of a Service (IP, or hostname on AWS), or undefined while there is none. */
export function loadBalancerAddress(status: LoadBalancerStatusLike | undefined): string | undefined {
    const first = status?.loadBalancer?.ingress?.[0];
    return first?.ip || first?.hostname || undefined;
}

/** Service ports by name. */
const servicePorts = { http: 80, https: 443 };

export interface ControllerServiceArgs {
    /** Service name; the controller copies this Service's address into the status of the Ingresses it serves. */
    name: string;
    namespace: pulumi.Input<string>;
    /** Labels of the controller pods, used as selector and as the Service's own labels. */
    selector: Record<string, string>;
    /** Names of the controller's container ports that receive port 80 (`http`) and port 443 (`https`). */
    targetPorts: Record<keyof typeof servicePorts, string>;
    /** Decides the cloud annotations and whether to wait for an address. */
    cluster: Pick<Cluster, "cloud" | "loadBalancerAddresses">;
}

/**
 * The public entry of the ingress controller, declared here rather than by the chart so its address is a typed
 * output from the first preview on (looking up a chart-made Service fails on a fresh stack). Local traffic
 * policy keeps client source IPs and skips the extra node hop.
 */
export function controllerService(resourceName: string, args: ControllerServiceArgs, opts: pulumi.CustomResourceOptions): k8s.core.v1.Service {
    const annotations = controllerServiceAnnotations(args.cluster);
    return new k8s.core.v1.Service(resourceName, {
        metadata: {
            name: args.name,
            namespace: args.namespace,
            labels: args.selector,
            ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
        },
        spec: {
            type: "LoadBalancer",
            externalTrafficPolicy: "Local",
            selector: args.selector,
            ports: (Object.keys(servicePorts) as (keyof typeof servicePorts)[]).map((name) => ({
                name,
                port: servicePorts[name],
                targetPort: args.targetPorts[name],
                protocol: "TCP",
                appProtocol: name,
            })),
        },
    }, opts);
}
