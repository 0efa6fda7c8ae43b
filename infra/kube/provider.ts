import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { kubeClientDefaults, type KubeClientLimits } from "./kubeClient";

export { kubeClientDefaults, type KubeClientLimits };

export interface ClusterProviderArgs {
    /** Kubeconfig contents (secret); undefined: the default kubeconfig ($KUBECONFIG or ~/.kube/config). */
    kubeconfig?: pulumi.Input<string>;
    /** Context of the kubeconfig; undefined: its current context. */
    context?: string;
    /**
     * A stable name of the cluster (its cloud id or ARN, or its kubeconfig name). Without one, a changed or
     * unknown kubeconfig (a refreshed token, a fresh stack's first preview) makes the provider propose replacing
     * every Kubernetes object; with one, only a different cluster does.
     */
    clusterIdentifier: pulumi.Input<string>;
    /** The client's rate limits. @default kubeClientDefaults */
    kubeClient?: KubeClientLimits;
}

/** The Kubernetes provider every object of a stack is created with: one cluster, server-side apply. */
export function clusterProvider(name: string, args: ClusterProviderArgs, opts: pulumi.CustomResourceOptions): k8s.Provider {
    const { qps, burst } = args.kubeClient ?? kubeClientDefaults;
    return new k8s.Provider(name, {
        kubeconfig: args.kubeconfig,
        context: args.context,
        clusterIdentifier: args.clusterIdentifier,
        enableServerSideApply: true,
        kubeClientSettings: { qps, burst },
    }, opts);
}
