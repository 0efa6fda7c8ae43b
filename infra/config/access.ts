import { z } from "zod";
import type { AccessRole } from "../access/identities";
import { isTenantStackName, newTenantStackNameProblem } from "../kube/tenancy";
import { nonEmpty } from "./formats";

/**
 * Who may use the cluster's Kubernetes API. Principals are written as the cloud names them; their format is
 * checked per cloud by the config rules (cloudRules.ts), since the cluster section does not know its cloud.
 * - EKS: an IAM role or user ARN, `arn:aws:iam::<account>:role/<name>` (paths allowed).
 * - GKE: an IAM member, `user:<email>`, `group:<email>` or `serviceAccount:<email>`.
 */
export const principal = nonEmpty;

/** A tenant stack name (`dev-<name>`, `pr-<number>`), whose namespace a developer may edit. */
const tenantStack = z
    .string()
    .refine(isTenantStackName, "must be a tenant stack name: dev-<name> or pr-<number>")
    .superRefine((stack, ctx) => {
        const problem = newTenantStackNameProblem(stack);
        if (problem && isTenantStackName(stack)) ctx.addIssue({ code: "custom", input: stack, message: problem });
    });

export const developerSchema = z.strictObject({
    principal: principal.describe("The developer's principal: an IAM role or user ARN (EKS), an IAM member user:, group: or serviceAccount: (GKE)."),
    stacks: z.array(tenantStack).min(1, "must list at least one tenant stack").describe("Tenant stacks whose namespaces the principal may edit; this stack provisions those namespaces with their quota."),
});

/**
 * Identities of one role of webstack:access, each a principal in the cloud's format (see `principal`; on existing
 * clusters a Kubernetes user name). CI signs in as them through OIDC (docs/access.md).
 */
const identities = z.array(principal).default([]);

export const accessSchema = z.strictObject({
    previewers: identities.describe("webstack-previewer on the whole cluster: what pulumi preview reads (no writes, no Secrets, no pod logs or exec)."),
    reviewStacks: identities.describe("Review stacks: the tenant role in pr-<number> namespaces, which the provisioner makes; nothing else (no namespace, quota or RoleBinding of their own)."),
    sweepers: identities.describe("The stack sweep and provisioner (trusted jobs): make pr-<number> namespaces with their quota, remove them, and empty dev-<name> ones."),
} satisfies Record<AccessRole, z.ZodType>);

export type AccessConfig = z.infer<typeof accessSchema>;
