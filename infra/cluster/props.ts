import { definedProps } from "../kube/props";
import { spotTaint, type Taint } from "../kube/taints";
import type { BackupProps } from "./backups";
import { defaultMaintenanceWindow, type MaintenanceWindow } from "./gke/maintenance";

/** One group of nodes: a GKE node pool, or an EKS managed node group. */
export interface NodeGroupProps {
    /** Group name; part of cloud resource names (a DNS label). */
    readonly name: string;
    /** Machine or instance type, e.g. e2-standard-2 (GKE) or t3.medium (EKS). */
    readonly machineType: string;
    /** Autoscaling lower bound. */
    readonly minNodes: number;
    /** Autoscaling upper bound. */
    readonly maxNodes: number;
    /** Spot (EKS) or preemptible spot (GKE) capacity. @default false */
    readonly spot?: boolean;
    /** Boot disk size in GB. @default 50 */
    readonly diskSizeGb?: number;
    /** Kubernetes labels of every node of the group. @default none */
    readonly labels?: Record<string, string>;
    /** Kubernetes taints of every node of the group. @default none */
    readonly taints?: Taint[];
    /**
     * A spot group's nodes carry spotTaint, so only pods that tolerate preemption land there.
     * @default true when the cluster has an on-demand group too; false on a cluster of spot groups only (its pods
     * would have nowhere else to go)
     */
    readonly spotTaint?: boolean;
}

export const nodeGroupDefaults = { spot: false, diskSizeGb: 50 } as const;

/** Days an unreviewed build stays in a review registry (GKE and EKS alike): a review stack lives as long as its pull request. */
export const reviewImageDays = 14;

/** Autoscaled upper bound of one node group; a typo such as 1000 should not reach a cloud bill. */
export const maxNodesPerGroup = 100;

/** A developer and the tenant stacks whose namespaces they may edit (which the cluster's stack provisions). */
export interface DeveloperAccess {
    /** The developer's IAM principal: an IAM role or user ARN (EKS), an IAM member `user:`/`group:`/`serviceAccount:` (GKE). */
    readonly principal: string;
    /** Tenant stacks (`dev-<name>`, `pr-<number>`) whose namespaces the principal may edit. */
    readonly stacks: string[];
}

/** A GKE or EKS cluster as webstack creates it: where, how big, who reaches its API, and its hardening. */
export interface ManagedClusterProps {
    /** Cloud region (GKE location or AWS region). */
    readonly region: string;
    /** Zones of the nodes. On GKE a single zone makes a zonal cluster. @default the region's zones */
    readonly zones?: string[];
    /** Kubernetes minor version. @default the release channel's (GKE) or the cloud's default (EKS) */
    readonly kubernetesVersion?: string;
    /** Nodes without public IPs (and, on EKS, a private API endpoint). @default true */
    readonly privateNodes?: boolean;
    /** CIDR blocks allowed to the API's public endpoint. @default [] (not IP-restricted: IAM alone guards it) */
    readonly authorizedNetworks?: string[];
    /** Public CIDRs the deploy and preview jobs reach the API from; allowed with authorizedNetworks. @default [] */
    readonly deployerNetworks?: string[];
    /** The deploy jobs run inside the cluster's VPC and use the private endpoint. @default false */
    readonly deployFromVpc?: boolean;
    /** Principals granted cluster admin: IAM role/user ARNs (EKS) or IAM members (GKE). @default [] */
    readonly admins?: string[];
    /** Principals granted edit in the namespaces of their tenant stacks. @default [] */
    readonly developers?: DeveloperAccess[];
    /** Envelope-encrypt Secrets with a KMS key of the stack. @default true */
    readonly secretsEncryption?: boolean;
    /** Control-plane logs (EKS: api, audit, authenticator; GKE: the API server's). @default true */
    readonly controlPlaneLogs?: boolean;
    /** Days the control-plane logs are kept (EKS: the CloudWatch log group's retention; GKE: Cloud Logging's own). @default 90 */
    readonly controlPlaneLogDays?: number;
    /** Scheduled backups of the persistent volumes. @default on prod stacks: daily at 03:00 UTC, kept 30 days */
    readonly backups?: BackupProps;
    /** GKE only: the weekly window for auto-upgrade and auto-repair. @default SA and SU, 03:00 UTC, 6 hours */
    readonly maintenanceWindow?: MaintenanceWindow;
    /** One node pool or managed node group each; at least one. */
    readonly nodeGroups: NodeGroupProps[];
}

/** The retentions CloudWatch Logs offers, in days (PutRetentionPolicy). */
export const cloudWatchRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const managedClusterDefaults = {
    privateNodes: true,
    authorizedNetworks: [] as string[],
    deployerNetworks: [] as string[],
    deployFromVpc: false,
    admins: [] as string[],
    developers: [] as DeveloperAccess[],
    secretsEncryption: true,
    controlPlaneLogs: true,
    controlPlaneLogDays: 90,
    maintenanceWindow: defaultMaintenanceWindow,
} as const;

type Resolved<T, D> = T & { readonly [K in keyof D]-?: K extends keyof T ? NonNullable<T[K]> : never };

/** The props with every default filled in. */
export type ResolvedClusterProps = Resolved<Omit<ManagedClusterProps, "nodeGroups">, typeof managedClusterDefaults> & {
    readonly nodeGroups: ResolvedNodeGroup[];
};

export type ResolvedNodeGroup = Resolved<NodeGroupProps, typeof nodeGroupDefaults & { spotTaint: boolean }>;

export function withClusterDefaults(props: ManagedClusterProps): ResolvedClusterProps {
    const spotTaintDefault = props.nodeGroups.some((group) => !group.spot);
    return {
        ...managedClusterDefaults,
        ...definedProps(props),
        nodeGroups: props.nodeGroups.map((group) => ({ ...nodeGroupDefaults, spotTaint: spotTaintDefault, ...definedProps(group) })),
    } as ResolvedClusterProps;
}

/**
 * The taints of a group's nodes: its own, and spotTaint on a spot group that carries it (unless the group sets a taint
 * of that key itself: its own wins); undefined for none.
 */
export function nodeGroupTaints(group: ResolvedNodeGroup): Taint[] | undefined {
    const own = group.taints ?? [];
    const spot = group.spot && group.spotTaint && !own.some((t) => t.key === spotTaint.key) ? [spotTaint] : [];
    const taints = [...own, ...spot];
    return taints.length > 0 ? taints : undefined;
}
