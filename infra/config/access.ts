import { z } from "zod";
import { isTenantStackName } from "../kube/tenancy";
import { nonEmpty } from "./formats";

/**
 * Who may use the cluster's Kubernetes API. Principals are written as the cloud names them; their format is
 * checked per cloud by the config rules (cloudRules.ts), since the cluster section does not know its cloud.
 * - EKS: an IAM role or user ARN, `arn:aws:iam::<account>:role/<name>` (paths allowed).
 * - GKE: an IAM member, `user:<email>`, `group:<email>` or `serviceAccount:<email>`.
 */
export const principal = nonEmpty;

/** A tenant stack name (`dev-<name>`, `pr-<number>`), whose namespace a developer may edit. */
const tenantStack = z.string().refine(isTenantStackName, "must be a tenant stack name: dev-<name> or pr-<number>");

export const developerSchema = z.strictObject({
    /** The developer's IAM principal (see `principal`). */
    principal,
    /** Tenant stacks whose namespaces the principal may edit; the cluster stack provisions those namespaces. */
    stacks: z.array(tenantStack).min(1, "must list at least one tenant stack"),
});

const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/**
 * When GKE may upgrade and repair the control plane and nodes, as a weekly window in UTC. GKE requires 48 hours of
 * availability in any 32 days (at least four of each weekday), so `days × hours` must reach 12.
 */
export const maintenanceWindowSchema = z
    .strictObject({
        /** Weekdays (RFC 5545: MO … SU). Default SA, SU. */
        days: z.array(z.enum(weekdays)).min(1).default(["SA", "SU"]),
        /** Start time, HH:MM UTC. Default 03:00. */
        start: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "must be a time HH:MM (UTC)").default("03:00"),
        /** Length in hours, 4 to 24. Default 6. */
        hours: z.int().min(4, "must be at least 4 (GKE's shortest window)").max(24).default(6),
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

export const defaultMaintenanceWindow = { days: ["SA", "SU"] as ("SA" | "SU")[], start: "03:00", hours: 6 };

export type DeveloperConfig = z.infer<typeof developerSchema>;
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;

/**
 * Identities let into the cluster by webstack:access, besides `cluster.admins` and `cluster.developers`. Each is a
 * principal in the cloud's format (see `principal`; on existing clusters a Kubernetes user name). CI signs in as
 * them through OIDC (README: "Identities").
 */
const identities = z.array(principal).default([]);

export const accessSchema = z.strictObject({
    /** Kubernetes `view` on the whole cluster: `pulumi preview` from pull requests (no writes, no Secrets). Default none. */
    previewers: identities,
    /** Review stacks: may create and change `pr-<number>` namespaces and what is in them, nothing else. Default none. */
    reviewStacks: identities,
    /** The stack sweep: may remove `pr-<number>` and `dev-<name>` namespaces and what is in them. Default none. */
    sweepers: identities,
});

export type AccessConfig = z.infer<typeof accessSchema>;
export type AccessRole = keyof AccessConfig;
export const accessRoles = Object.keys(accessSchema.shape) as AccessRole[];
