import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/**
 * EKS add-ons of the core components it installs self-managed: CoreDNS and kube-proxy. Managed, EKS keeps them at
 * its version for the cluster's Kubernetes minor (@pulumi/eks adds them only with its default node group, which this
 * stack skips). CoreDNS runs as pods: created after the node groups.
 */
export function coreAddons(name: string, args: { clusterName: pulumi.Input<string>; nodeGroups: pulumi.Resource[] }, opts: { parent: pulumi.Resource }): aws.eks.Addon[] {
    return ["coredns", "kube-proxy"].map((addonName) => new aws.eks.Addon(`${name}-${addonName}`, {
        clusterName: args.clusterName,
        addonName,
        // Take over the self-managed copy EKS installed with the cluster.
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
    }, { ...opts, dependsOn: args.nodeGroups }));
}

/**
 * The Kubernetes Metrics Server, which EKS does not run by default (GKE does): without it every
 * HorizontalPodAutoscaler reports FailedGetResourceMetric and never scales, while `pulumi up` stays green. EKS's
 * community add-on (listens on 10251, which the cluster security group admits from the control plane), at EKS's
 * default version for the cluster. It becomes ACTIVE only once its pods run: created after the node groups.
 */
export function metricsServerAddon(name: string, args: { clusterName: pulumi.Input<string>; nodeGroups: pulumi.Resource[] }, opts: { parent: pulumi.Resource }): aws.eks.Addon {
    return new aws.eks.Addon(`${name}-metrics-server`, {
        clusterName: args.clusterName,
        addonName: "metrics-server",
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
    }, { ...opts, dependsOn: args.nodeGroups });
}
