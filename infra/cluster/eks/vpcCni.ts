import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Configuration of the `vpc-cni` add-on: NetworkPolicy enforcement on, which runs the network policy node agent
 * (aws-network-policy-agent) beside the CNI in every aws-node pod and lets EKS's control plane run the policy
 * controller. Without it EKS accepts NetworkPolicies and enforces none. Needs add-on v1.14 or newer, which every
 * Kubernetes version EKS still supports defaults to.
 */
export const vpcCniConfiguration = {
    enableNetworkPolicy: "true",
    nodeAgent: { enableCloudWatchLogs: "false", enablePolicyEventLogs: "false" },
} as const;

/**
 * The managed `vpc-cni` add-on with NetworkPolicy enforcement. It takes over the aws-node DaemonSet EKS installs
 * with the cluster; node groups wait for it, so no node runs pods before policies are enforced.
 */
export function vpcCniAddon(name: string, args: { clusterName: pulumi.Input<string> }, opts: pulumi.CustomResourceOptions): aws.eks.Addon {
    return new aws.eks.Addon(`${name}-vpc-cni`, {
        clusterName: args.clusterName,
        addonName: "vpc-cni",
        configurationValues: JSON.stringify(vpcCniConfiguration),
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
    }, opts);
}
