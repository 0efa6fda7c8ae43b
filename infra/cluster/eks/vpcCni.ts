import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { managedPolicyArn } from "./iam";
import { serviceAccountRole, type OidcProvider } from "./irsa";

/** The service account of the aws-node DaemonSet (the VPC CNI); its IRSA role trusts exactly this one. */
export const vpcCniServiceAccount = { namespace: "kube-system", name: "aws-node" };

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

export interface VpcCniArgs {
    clusterName: pulumi.Input<string>;
    /** The cluster, which the add-on waits for (its name is known before the cluster exists). */
    cluster: pulumi.Resource;
    /** The cluster's OIDC provider, which the CNI's role trusts. */
    oidc: OidcProvider;
    /** Region of the cluster (for the partition of the managed policy ARN). */
    region: string;
}

/**
 * The managed `vpc-cni` add-on with NetworkPolicy enforcement. It takes over the aws-node DaemonSet EKS installs
 * with the cluster; node groups wait for it, so no node runs pods before policies are enforced. Its permissions
 * (AmazonEKS_CNI_Policy: manage the nodes' network interfaces and IPs) come through its own IRSA role, as EKS
 * recommends, not through the node role.
 */
export function vpcCniAddon(name: string, args: VpcCniArgs, opts: { parent: pulumi.Resource }): aws.eks.Addon {
    const role = serviceAccountRole(
        `${name}-vpc-cni`,
        { oidc: args.oidc, serviceAccount: vpcCniServiceAccount, policyArns: [managedPolicyArn(args.region, "AmazonEKS_CNI_Policy")] },
        opts,
    );
    return new aws.eks.Addon(`${name}-vpc-cni`, {
        clusterName: args.clusterName,
        addonName: "vpc-cni",
        serviceAccountRoleArn: role.role.arn,
        configurationValues: JSON.stringify(vpcCniConfiguration),
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
    }, { ...opts, dependsOn: [args.cluster, ...role.attachments] });
}
