import { z } from "zod";
import { defaultMaintenanceWindow, weekdays } from "../cluster/gke/maintenance";
import { backupDefaults } from "../cluster/backups";
import { cloudWatchRetentionDays, managedClusterDefaults, maxNodesPerGroup, nodeGroupDefaults } from "../cluster/props";
import { spotTaint, taintEffects } from "../kube/taints";
import { developerSchema, principal } from "./access";
import { cidr, dnsLabel, flag, kubernetesVersion, labelKey, labelValue, nonEmpty } from "./formats";

/**
 * When GKE may upgrade and repair the control plane and nodes, as a weekly window in UTC. GKE requires 48 hours of
 * availability in any 32 days (at least four of each weekday), so `days × hours` must reach 12.
 */
export const maintenanceWindowSchema = z
    .strictObject({
        days: z.array(z.enum(weekdays)).min(1).default([...defaultMaintenanceWindow.days]).describe("Weekdays, as RFC 5545 spells them: MO … SU."),
        start: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "must be a time HH:MM (UTC)").default(defaultMaintenanceWindow.start).describe("Start time, HH:MM in UTC."),
        hours: z.int().min(4, "must be at least 4 (GKE's shortest window)").max(24).default(defaultMaintenanceWindow.hours).describe("Length in hours, 4 to 24; days × hours must reach 12 (GKE needs 48 hours in any 32 days)."),
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
    key: labelKey.describe("Taint key."),
    value: labelValue.optional().describe("Taint value."),
    effect: z.enum(taintEffects).describe("What the taint does to pods that do not tolerate it."),
});

export const nodeGroupSchema = z
    .strictObject({
        name: dnsLabel.describe("Node group name (a DNS label); part of cloud resource names."),
        machineType: nonEmpty.describe("Machine or instance type of the cloud: e2-standard-2 (GKE), t3.medium (EKS)."),
        minNodes: z.int().nonnegative().describe("The autoscaler's lower bound, in nodes of the group."),
        maxNodes: z.int().min(1).max(maxNodesPerGroup).describe("The autoscaler's upper bound, at most 100."),
        spot: flag.default(nodeGroupDefaults.spot).describe("Spot capacity (GKE spot VMs, EKS spot instances)."),
        diskSizeGb: z.int().min(20).max(65536).default(nodeGroupDefaults.diskSizeGb).describe("Boot disk size in GB, 20 to 65536."),
        labels: z.record(labelKey, labelValue).optional().describe("Kubernetes labels of every node of the group."),
        taints: z.array(taintSchema).optional().describe("Kubernetes taints of every node of the group: key, value, effect (NoSchedule, PreferNoSchedule, NoExecute)."),
        spotTaint: flag.optional().describe(`A spot group's nodes carry the taint ${spotTaint.key}=${spotTaint.value}:${spotTaint.effect}, so only apps with spot: true land there. Default: true when the cluster has an on-demand group too, false on a cluster of spot groups only.`),
    })
    .superRefine((group, ctx) => {
        if (group.spotTaint !== undefined && !group.spot) {
            ctx.addIssue({ code: "custom", path: ["spotTaint"], input: group.spotTaint, message: "is only used with spot: true" });
        }
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
        region: nonEmpty.regex(/^[a-z]+(-[a-z0-9]+)+$/, "must be a cloud region such as europe-west1 or eu-west-1").describe("Cloud region: the GKE location, or the AWS region (must match aws:region)."),
        zones: z.array(nonEmpty.regex(/^[a-z]+(-[a-z0-9]+)+$/, "must be a zone such as europe-west1-b")).min(1).optional().describe("Zones of the nodes; on GKE a single zone makes a zonal cluster (not on prod), on EKS 2 to 6 zones. Default: the region's zones."),
        kubernetesVersion: kubernetesVersion.optional().describe("Kubernetes minor version such as 1.31. Default: the release channel's (GKE) or the cloud's (EKS)."),
        privateNodes: flag.default(managedClusterDefaults.privateNodes).describe("Nodes without public IPs (and, on EKS, a private API endpoint); prod cannot turn it off."),
        authorizedNetworks: z.array(cidr).default([...managedClusterDefaults.authorizedNetworks]).describe("CIDR blocks allowed to the API's public endpoint (operators). None here and in deployerNetworks: not IP-restricted, IAM alone guards it. EKS takes public ranges only."),
        deployerNetworks: z
            .array(cidr)
            .default([...managedClusterDefaults.deployerNetworks])
            .describe("Public CIDRs the deploy and preview jobs reach the API from (their runners' egress), allowed beside authorizedNetworks. Prod needs these or deployFromVpc."),
        deployFromVpc: flag
            .default(managedClusterDefaults.deployFromVpc)
            .describe("The deploy and preview jobs run on self-hosted runners inside the cluster's VPC (variable PROD_RUNNER) and use the private endpoint; with no authorized or deployer networks the public endpoint is off."),
        admins: z.array(principal).default([...managedClusterDefaults.admins]).describe("Principals granted cluster admin: IAM role or user ARNs (EKS), IAM members (GKE). Prod must list the workflows' deploy identity; EKS must list the identity that runs `pulumi up` (the creator gets no access of its own)."),
        developers: z.array(developerSchema).default([]).describe("Developers and their tenant stacks: this stack creates those namespaces with their quota, and grants the principal edit there only."),
        secretsEncryption: flag.default(managedClusterDefaults.secretsEncryption).describe("Envelope-encrypt Secrets with a KMS key the stack creates; prod cannot turn it off."),
        backups: z.strictObject({
            enabled: flag.optional().describe("Back the volumes up. Default: true on prod stacks, false elsewhere."),
            schedule: z.string().regex(/^([0-9*/,-]+\s+){4}[0-9*/,-]+$/, "must be a five-field cron expression in UTC, such as \"0 3 * * *\"").default(backupDefaults.schedule).describe("When, as a five-field cron expression in UTC."),
            retentionDays: z.int().min(1).max(3650).default(backupDefaults.retentionDays).describe("Days each backup is kept, 1 to 3650."),
        }).optional().describe("Scheduled backups of the persistent volumes of the apps' namespaces: Backup for GKE, or AWS Backup of the EBS volumes on EKS."),
        controlPlaneLogDays: z.int().refine((days) => (cloudWatchRetentionDays as readonly number[]).includes(days), { message: `must be a retention CloudWatch Logs offers: ${cloudWatchRetentionDays.join(", ")} days` }).default(managedClusterDefaults.controlPlaneLogDays).describe("Days the EKS control-plane logs are kept in CloudWatch (one of the retentions CloudWatch offers)."),
        controlPlaneLogs: flag.default(managedClusterDefaults.controlPlaneLogs).describe("Control-plane logs (EKS: api, audit, authenticator; GKE: the API server's besides the defaults); prod cannot turn them off."),
        maintenanceWindow: maintenanceWindowSchema.default({ ...defaultMaintenanceWindow, days: [...defaultMaintenanceWindow.days] }).describe("GKE only: the weekly window (UTC) for auto-upgrade and auto-repair."),
        nodeGroups: z.array(nodeGroupSchema).min(1, "must declare at least one node group").describe("The node groups (GKE node pools, EKS managed node groups), at least one; prod needs one on-demand group."),
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
