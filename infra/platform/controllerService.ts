import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/types";
import { loadBalancerServiceAnnotations } from "../kube/loadBalancer";

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
    const annotations = loadBalancerServiceAnnotations(args.cluster);
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
