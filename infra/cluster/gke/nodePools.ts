import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { nodeGroupTaints, type ResolvedClusterProps } from "../props";
import { cloudTaintEffect, type Taint } from "../../kube/taints";

/** A Kubernetes taint as the GKE API spells it. */
export function gkeTaint(taint: Taint): { key: string; value: string; effect: string } {
    return { key: taint.key, value: taint.value ?? "", effect: cloudTaintEffect(taint.effect) };
}

export interface GkeNodePoolsArgs {
    cluster: gcp.container.Cluster;
    /** One node pool per group. */
    groups: ResolvedClusterProps["nodeGroups"];
    /** Email of the nodes' service account. */
    serviceAccount: pulumi.Input<string>;
    /** Zones each pool spans; the first nodes are spread over them. */
    zoneCount: number;
}

/**
 * One autoscaled node pool per configured group, hardened: Shielded VMs, the GKE metadata server (workload
 * identity; the node's own credentials stay hidden from pods), auto-repair and auto-upgrade. Pools are
 * auto-named, so a change that forces a new pool creates the new one before draining the old.
 */
export function createGkeNodePools(name: string, args: GkeNodePoolsArgs, opts: pulumi.CustomResourceOptions): gcp.container.NodePool[] {
    return args.groups.map((group) => new gcp.container.NodePool(`${name}-${group.name}`, {
        cluster: args.cluster.name,
        location: args.cluster.location,
        // Per zone; only the first size. The autoscaler owns the count afterwards.
        initialNodeCount: Math.ceil(group.minNodes / args.zoneCount),
        // Total limits, so minNodes/maxNodes mean nodes in the pool, not per zone.
        autoscaling: {
            totalMinNodeCount: group.minNodes,
            totalMaxNodeCount: group.maxNodes,
            // ANY favours zones with spare spot capacity; BALANCED spreads on-demand nodes evenly.
            locationPolicy: group.spot ? "ANY" : "BALANCED",
        },
        management: { autoRepair: true, autoUpgrade: true },
        nodeConfig: {
            machineType: group.machineType,
            spot: group.spot,
            diskSizeGb: group.diskSizeGb,
            labels: group.labels,
            taints: nodeGroupTaints(group)?.map(gkeTaint),
            serviceAccount: args.serviceAccount,
            // Access is decided by the account's IAM roles, not by legacy scopes.
            oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
            shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
            workloadMetadataConfig: { mode: "GKE_METADATA" },
        },
    }, pulumi.mergeOptions(opts, { ignoreChanges: ["initialNodeCount"] })));
}
