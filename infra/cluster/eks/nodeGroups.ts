import * as eks from "@pulumi/eks";
import type * as pulumi from "@pulumi/pulumi";
import { nodeGroupTaints, type ResolvedClusterProps } from "../props";
import { cloudTaintEffect } from "../../kube/taints";
import { managedPolicyArn, roleWithPolicies, serviceTrustPolicy, type RoleWithPolicies } from "./iam";
import { nodeLaunchTemplate } from "./launchTemplate";

/**
 * What a node needs and nothing more: join the cluster and pull images from ECR. The VPC CNI's permissions are its
 * own service account's (vpcCni.ts), so a pod that reached the node's credentials could not manage network interfaces.
 */
export const nodePolicies = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"];

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

export interface NodeGroupArgs {
    cluster: eks.Cluster;
    group: ResolvedClusterProps["nodeGroups"][number];
    /** Instance role, with its policies attached before any node boots. */
    role: RoleWithPolicies;
    /** Subnets the nodes are launched in. */
    subnetIds: pulumi.Input<string>[];
    /** Tags of the node group (the cluster-autoscaler's discovery tags). */
    tags: Record<string, string>;
    /** What must exist before the first node boots besides the role's policies (the vpc-cni add-on). */
    after: pulumi.Resource[];
}

/**
 * One EKS managed node group per configured group, its Auto Scaling group bounded by minNodes..maxNodes. EKS does
 * not autoscale a node group by itself: the cluster-autoscaler (clusterAutoscaler.ts) sets the desired size within
 * those bounds, so the program sets it only at creation (max(minNodes, 1), so the first pods have a node) and then
 * ignores it. Its instances start from a launch template of its own (launchTemplate.ts): IMDSv2 with hop limit 1, and
 * the group's disk size on the root volume.
 */
export function managedNodeGroup(name: string, args: NodeGroupArgs, opts: pulumi.ComponentResourceOptions): eks.ManagedNodeGroup {
    const { group } = args;
    const template = nodeLaunchTemplate(name, { diskSizeGb: group.diskSizeGb }, { parent: opts.parent });
    return new eks.ManagedNodeGroup(
        name,
        {
            cluster: args.cluster,
            nodeRole: args.role.role,
            subnetIds: args.subnetIds,
            instanceTypes: [group.machineType],
            capacityType: group.spot ? "SPOT" : "ON_DEMAND",
            scalingConfig: { minSize: group.minNodes, maxSize: group.maxNodes, desiredSize: Math.max(group.minNodes, 1) },
            launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },
            labels: group.labels,
            taints: nodeGroupTaints(group)?.map((t) => ({ key: t.key, value: t.value, effect: cloudTaintEffect(t.effect) })),
            tags: args.tags,
            ignoreScalingChanges: true,
        },
        { ...opts, dependsOn: [...args.role.attachments, ...args.after] },
    );
}
