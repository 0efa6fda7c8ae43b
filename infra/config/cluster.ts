import { z } from "zod";
import { defaultMaintenanceWindow, weekdays } from "../cluster/gke/maintenance";
import { managedClusterDefaults, maxNodesPerGroup, nodeGroupDefaults } from "../cluster/props";
import { taintEffects } from "../kube/taints";
import { developerSchema, principal } from "./access";
import { cidr, dnsLabel, flag, kubernetesVersion, labelKey, labelValue, nonEmpty } from "./formats";

/**
 * When GKE may upgrade and repair the control plane and nodes, as a weekly window in UTC. GKE requires 48 hours of
 * availability in any 32 days (at least four of each weekday), so `days × hours` must reach 12.
 */
export const maintenanceWindowSchema = z
    .strictObject({
        /** Weekdays (RFC 5545: MO … SU). Default SA, SU. */
        days: z.array(z.enum(weekdays)).min(1).default([...defaultMaintenanceWindow.days]),
        /** Start time, HH:MM UTC. Default 03:00. */
        start: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "must be a time HH:MM (UTC)").default(defaultMaintenanceWindow.start),
        /** Length in hours, 4 to 24. Default 6. */
        hours: z.int().min(4, "must be at least 4 (GKE's shortest window)").max(24).default(defaultMaintenanceWindow.hours),
    })
    .superRefine((w, ctx) => {
        const days = new Set(w.days).size;
        if (days * w.hours < 12) {
            ctx.addIssue({
                code: "custom",
                path: ["hours"],
                input: w.hours,
                message: `gives ${days * w.hours} hours a week; GKE needs 48 hours in any 32 days, so days × hours must be at least 12`,
            });
        }
    });


export const taintSchema = z.strictObject({
    key: labelKey,
    value: labelValue.optional(),
    effect: z.enum(taintEffects),
});

export const nodeGroupSchema = z
    .strictObject({
        /** Node group name; becomes part of cloud resource names. */
        name: dnsLabel,
        /** Machine/instance type, e.g. e2-standard-2 (GKE) or t3.medium (EKS). */
        machineType: nonEmpty,
        /** Autoscaling lower bound. */
        minNodes: z.int().nonnegative(),
        /** Autoscaling upper bound, at most 100. */
        maxNodes: z.int().min(1).max(maxNodesPerGroup),
        /** Spot/preemptible capacity. Default false. */
        spot: flag.default(nodeGroupDefaults.spot),
        /** Boot disk size in GB. Default 50. */
        diskSizeGb: z.int().min(20).max(65536).default(nodeGroupDefaults.diskSizeGb),
        /** Kubernetes labels put on every node of the group. */
        labels: z.record(labelKey, labelValue).optional(),
        /** Kubernetes taints put on every node of the group. */
        taints: z.array(taintSchema).optional(),
    })
    .superRefine((group, ctx) => {
        if (group.minNodes > group.maxNodes) {
            ctx.addIssue({
                code: "custom",
                path: ["minNodes"],
                input: group.minNodes,
                message: `must not exceed maxNodes (${group.maxNodes})`,
            });
        }
    });

export const clusterSchema = z
    .strictObject({
        /** Cloud region (GKE location or AWS region). */
        region: nonEmpty.regex(/^[a-z]+(-[a-z0-9]+)+$/, "must be a cloud region such as europe-west1 or eu-west-1"),
        /** Zones for nodes. On GKE a single zone makes a zonal cluster. Default: the region's zones. */
        zones: z.array(nonEmpty.regex(/^[a-z]+(-[a-z0-9]+)+$/, "must be a zone such as europe-west1-b")).min(1).optional(),
        /** Kubernetes minor version; default: the release channel's / the cloud's default. */
        kubernetesVersion: kubernetesVersion.optional(),
        /** Nodes without public IPs (and, on EKS, a private API endpoint). Default true; prod cannot turn it off. */
        privateNodes: flag.default(managedClusterDefaults.privateNodes),
        /** CIDR blocks allowed to reach the Kubernetes API's public endpoint. Default []: not IP-restricted (IAM only). */
        authorizedNetworks: z.array(cidr).default([...managedClusterDefaults.authorizedNetworks]),
        /**
         * Public CIDRs the deploy and preview jobs reach the API from (the egress of their runners); allowed to the
         * public endpoint with authorizedNetworks. Default []. Prod needs these or `deployFromVpc`.
         */
        deployerNetworks: z.array(cidr).default([...managedClusterDefaults.deployerNetworks]),
        /**
         * The deploy and preview jobs run on self-hosted runners inside the cluster's VPC (GitHub variable
         * PROD_RUNNER) and reach the API on its private endpoint; with no authorized or deployer networks the public
         * endpoint is then switched off. Default false.
         */
        deployFromVpc: flag.default(managedClusterDefaults.deployFromVpc),
        /** Principals granted cluster admin (EKS: IAM role/user ARNs; GKE: IAM members). Prod: must list the deploy identity. Default []. */
        admins: z.array(principal).default([...managedClusterDefaults.admins]),
        /** Principals granted edit in the namespaces of their tenant stacks, which this stack provisions. Default []. */
        developers: z.array(developerSchema).default([]),
        /** Envelope-encrypt Secrets with a KMS key the stack creates. Default true; prod cannot turn it off. */
        secretsEncryption: flag.default(managedClusterDefaults.secretsEncryption),
        /** Control-plane logs (EKS: api, audit, authenticator; GKE: SYSTEM_COMPONENTS, APISERVER). Default true; prod cannot turn them off. */
        controlPlaneLogs: flag.default(managedClusterDefaults.controlPlaneLogs),
        /** GKE only: the weekly maintenance window for auto-upgrade and auto-repair. Default SA, SU 03:00 UTC for 6 hours. */
        maintenanceWindow: maintenanceWindowSchema.default({ ...defaultMaintenanceWindow, days: [...defaultMaintenanceWindow.days] }),
        /** One entry per node group; at least one. */
        nodeGroups: z.array(nodeGroupSchema).min(1, "must declare at least one node group"),
    })
    .superRefine((cluster, ctx) => {
        const seen = new Map<string, number>();
        cluster.nodeGroups.forEach((group, index) => {
            const first = seen.get(group.name);
            if (first !== undefined) {
                ctx.addIssue({
                    code: "custom",
                    path: ["nodeGroups", index, "name"],
                    input: group.name,
                    message: `duplicates the name of nodeGroups[${first}]`,
                });
            } else {
                seen.set(group.name, index);
            }
        });
        cluster.zones?.forEach((zone, index) => {
            // GKE zones are <region>-<letter>, AWS zones <region><letter>: europe-west10-a is not in europe-west1.
            if (!zone.startsWith(cluster.region) || !/^-?[a-z]/.test(zone.slice(cluster.region.length))) {
                ctx.addIssue({
                    code: "custom",
                    path: ["zones", index],
                    input: zone,
                    message: `must be a zone of region ${cluster.region}`,
                });
            }
        });
    });

export type ClusterConfig = z.infer<typeof clusterSchema>;
export type NodeGroupConfig = z.infer<typeof nodeGroupSchema>;
