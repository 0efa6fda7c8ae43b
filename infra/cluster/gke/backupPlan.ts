import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { backedUpNamespaceLabel, type ResolvedBackups } from "../backups";

/** The Backup for GKE API, which must be on before the cluster's backup agent and any plan. */
export function gkeBackupApi(name: string, project: string, opts: pulumi.CustomResourceOptions): gcp.projects.Service {
    // Left on at destroy: other clusters of the project may use it.
    return new gcp.projects.Service(`${name}-gkebackup-api`, { project, service: "gkebackup.googleapis.com", disableOnDestroy: false }, opts);
}

export interface GkeBackupPlanArgs {
    project: string;
    region: string;
    /** The cluster's id (`projects/…/locations/…/clusters/…`), with its backup agent add-on on. */
    cluster: pulumi.Input<string>;
    backups: ResolvedBackups;
}

/**
 * Backup for GKE: on the schedule, the apps' namespaces (selected by the label they all carry), their Kubernetes
 * objects, Secrets included, and their volumes' data, kept `retentionDays`. Restores go through a RestorePlan
 * (docs/clusters.md).
 */
export function gkeBackupPlan(name: string, args: GkeBackupPlanArgs, opts: pulumi.CustomResourceOptions): gcp.gkebackup.BackupPlan {
    return new gcp.gkebackup.BackupPlan(`${name}-volumes`, {
        name: `${name}-volumes`,
        project: args.project,
        location: args.region,
        cluster: args.cluster,
        backupConfig: {
            includeVolumeData: true,
            includeSecrets: true,
            selectedNamespaceLabels: { resourceLabels: [{ ...backedUpNamespaceLabel }] },
        },
        backupSchedule: { cronSchedule: args.backups.schedule },
        retentionPolicy: { backupRetainDays: args.backups.retentionDays },
    }, opts);
}
