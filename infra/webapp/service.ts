import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { loadBalancerServiceAnnotations } from "../kube/loadBalancer";
import { clusterContextDefaults, type ClusterContext } from "../cluster/types";
import { objectMeta, type AppLabels, type AppMeta } from "./labels";
import { appPods } from "./networkPolicy";

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

/**
 * A ClusterIP Service is not awaited. The provider's await waits for a ready endpoint and then for ten seconds
 * without an Endpoints event (pulumi-kubernetes pkg/await/service.go), holding one of the engine's --parallel
 * slots all that while: a hundred apps' Services queue a thousand slot-seconds. The app's Deployment await already
 * waits for its pods to be ready, and the selector is derived from their labels (serviceSelector), so that wait
 * proves nothing more (docs/performance.md). A LoadBalancer Service keeps its await where the cloud publishes an
 * address: the app's URL.
 */
export const clusterIpServiceAnnotations: Record<string, string> = { "pulumi.com/skipAwait": "true" };

/**
 * The Service's selector: the app's pods, and the label every app's pods share. EKS admits a call to a ClusterIP only
 * when an egress peer of the caller matches the Service's selector itself (its agent sees the call before the
 * ClusterIP becomes a pod); the same-namespace egress peer selects that shared label, so it must be in the selector.
 */
export function serviceSelector(labels: AppLabels): Record<string, string> {
    return { ...labels.selector, ...appPods.matchLabels };
}

/** The app's Service: its port to the container port, like `kubectl expose --port <port> --target-port <targetPort>`. */
export function appService(meta: AppMeta, props: ServiceProps, opts: pulumi.CustomResourceOptions): k8s.core.v1.Service {
    const annotations = props.loadBalancer ? loadBalancerAnnotations(props.cluster) : clusterIpServiceAnnotations;
    return new k8s.core.v1.Service(meta.name, {
        metadata: objectMeta(meta, Object.keys(annotations).length > 0 ? { annotations } : {}),
        spec: {
            type: props.loadBalancer ? "LoadBalancer" : "ClusterIP",
            selector: serviceSelector(meta.labels),
            ports: [{ name: props.portName, port: props.port, targetPort: props.targetPort, protocol: "TCP" }],
        },
    }, opts);
}
