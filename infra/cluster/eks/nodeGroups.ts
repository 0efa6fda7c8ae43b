import * as eks from "@pulumi/eks";
import type * as pulumi from "@pulumi/pulumi";
import type { NodeGroupConfig, Taint } from "../../config/cluster";
import { managedPolicyArn, roleWithPolicies, serviceTrustPolicy, type RoleWithPolicies } from "./iam";

/** What a node needs and nothing more: join the cluster, pull images from ECR, run the VPC CNI. */
const nodePolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly", "AmazonEKS_CNI_Policy"];

/**
 * The IAM role every node group's instances run as. In the cluster's API authentication mode EKS creates
 * the access entry (type EC2_LINUX) for a managed node group's role itself, so no aws-auth mapping is needed.
 */
export function nodeRole(clusterName: string, region: string, opts: pulumi.CustomResourceOptions): RoleWithPolicies {
    return roleWithPolicies(
        `${clusterName}-node`,
        {
            assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"),
            policyArns: nodePolicies.map((policy) => managedPolicyArn(region, policy)),
            description: `Instance role of the nodes of EKS cluster ${clusterName}`,
        },
        opts,
    );
}

const taintEffects: Record<Taint["effect"], string> = {
    NoSchedule: "NO_SCHEDULE",
    PreferNoSchedule: "PREFER_NO_SCHEDULE",
    NoExecute: "NO_EXECUTE",
};

export interface NodeGroupArgs {
    cluster: eks.Cluster;
    group: NodeGroupConfig;
    /** Instance role, with its policies attached before any node boots. */
    role: RoleWithPolicies;
    /** Subnets the nodes are launched in. */
    subnetIds: pulumi.Input<string>[];
}

/**
 * One EKS managed node group per configured group. EKS does not autoscale a node group by itself (no
 * cluster-autoscaler is installed), so a group runs max(minNodes, 1) nodes: a group allowed to scale to
 * zero still starts with one node, and maxNodes is the bound an autoscaler may later use.
 */
export function managedNodeGroup(name: string, args: NodeGroupArgs, opts: pulumi.ComponentResourceOptions): eks.ManagedNodeGroup {
    const { group } = args;
    return new eks.ManagedNodeGroup(
        name,
        {
            cluster: args.cluster,
            nodeRole: args.role.role,
            subnetIds: args.subnetIds,
            instanceTypes: [group.machineType],
            capacityType: group.spot ? "SPOT" : "ON_DEMAND",
            scalingConfig: { minSize: group.minNodes, maxSize: group.maxNodes, desiredSize: Math.max(group.minNodes, 1) },
            diskSize: group.diskSizeGb,
            labels: group.labels,
            taints: group.taints?.map((t) => ({ key: t.key, value: t.value, effect: taintEffects[t.effect] })),
        },
        { ...opts, dependsOn: args.role.attachments },
    );
}
