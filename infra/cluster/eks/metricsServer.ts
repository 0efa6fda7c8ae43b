import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

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
