import { commonLabels } from "../kube/labels";

/** Scheduled backups of the stack's persistent volumes (Backup for GKE, AWS Backup on EKS). */
export interface BackupProps {
    /** @default true on prod stacks, false elsewhere */
    readonly enabled?: boolean;
    /** When, as a five-field cron expression in UTC. @default "0 3 * * *" (03:00 UTC daily) */
    readonly schedule?: string;
    /** Days each backup is kept. @default 30 */
    readonly retentionDays?: number;
}

export const backupDefaults = { schedule: "0 3 * * *", retentionDays: 30 } as const;

export interface ResolvedBackups {
    readonly enabled: boolean;
    readonly schedule: string;
    readonly retentionDays: number;
}

export function withBackupDefaults(props: BackupProps | undefined, prod: boolean): ResolvedBackups {
    return {
        enabled: props?.enabled ?? prod,
        schedule: props?.schedule ?? backupDefaults.schedule,
        retentionDays: props?.retentionDays ?? backupDefaults.retentionDays,
    };
}

/**
 * The namespaces whose volumes are backed up: every namespace the apps live in carries the common labels (the
 * platform's do not: they hold no data worth restoring).
 */
export const backedUpNamespaceLabel = { key: "app.kubernetes.io/part-of", value: commonLabels["app.kubernetes.io/part-of"] } as const;

/**
 * A five-field cron expression as AWS Backup spells it, `cron(m h dom mon dow year)`: one of day-of-month and
 * day-of-week must be `?`, and its days of the week count from 1 (Sunday) where cron counts from 0.
 */
export function awsBackupCron(schedule: string): string {
    const [minute, hour, dayOfMonth, month, dayOfWeek] = schedule.trim().split(/\s+/);
    const dom = dayOfWeek !== "*" && dayOfMonth === "*" ? "?" : dayOfMonth;
    const dow = dom === "?" ? dayOfWeek.replace(/\d+/g, (day) => String((Number(day) % 7) + 1)) : "?";
    return `cron(${minute} ${hour} ${dom} ${month} ${dow} *)`;
}
