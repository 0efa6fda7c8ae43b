import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { awsBackupCron, type ResolvedBackups } from "../backups";
import { managedPolicyArn, roleWithPolicies, serviceTrustPolicy } from "./iam";

/** The tag the EBS CSI driver puts on every volume it provisions for this cluster, which the backup selection matches. */
export const backupTagKey = "webstack.dev/backup-plan";

/** The EBS CSI add-on's configuration that tags every new volume for the cluster's backup plan. */
export function ebsBackupTags(clusterName: string): Record<string, string> {
    return { [backupTagKey]: clusterName };
}

export interface EksBackupPlanArgs {
    region: string;
    backups: ResolvedBackups;
    prod: boolean;
}

/**
 * AWS Backup of the cluster's EBS volumes: a vault, a plan on the schedule keeping each recovery point
 * `retentionDays`, and a selection of every volume tagged for this cluster (the EBS CSI driver tags each volume it
 * provisions), run by a role with AWS Backup's own managed policies. Restores create a new volume from a recovery
 * point (docs/clusters.md).
 */
export function eksBackupPlan(clusterName: string, args: EksBackupPlanArgs, opts: { parent: pulumi.Resource }): aws.backup.Plan {
    const protect = { ...opts, protect: args.prod };
    const vault = new aws.backup.Vault(`${clusterName}-volumes`, { name: `${clusterName}-volumes`, forceDestroy: !args.prod }, protect);
    const plan = new aws.backup.Plan(`${clusterName}-volumes`, {
        name: `${clusterName}-volumes`,
        rules: [{
            ruleName: "scheduled",
            targetVaultName: vault.name,
            schedule: awsBackupCron(args.backups.schedule),
            scheduleExpressionTimezone: "Etc/UTC",
            lifecycle: { deleteAfter: args.backups.retentionDays },
        }],
    }, protect);
    const role = roleWithPolicies(`${clusterName}-backup`, {
        assumeRolePolicy: serviceTrustPolicy("backup.amazonaws.com"),
        policyArns: ["service-role/AWSBackupServiceRolePolicyForBackup", "service-role/AWSBackupServiceRolePolicyForRestores"].map((p) => managedPolicyArn(args.region, p)),
        description: `AWS Backup of the EBS volumes of EKS cluster ${clusterName}`,
    }, opts);
    new aws.backup.Selection(`${clusterName}-volumes`, {
        name: `${clusterName}-volumes`,
        planId: plan.id,
        iamRoleArn: role.role.arn,
        selectionTags: [{ type: "STRINGEQUALS", key: backupTagKey, value: clusterName }],
    }, { ...opts, dependsOn: role.attachments });
    return plan;
}
