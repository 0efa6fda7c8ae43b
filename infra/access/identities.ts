/**
 * The roles of webstack:access, each a list of identities let into the cluster besides its admins and developers:
 * - previewers: webstack-previewer on the whole cluster (what `pulumi preview` reads; no writes, no Secrets, no logs);
 * - reviewStacks: the tenant role in `pr-<number>` namespaces, which the provisioner makes; nothing else;
 * - sweepers: the provisioner (trusted jobs): make `pr-<number>` namespaces with their quota, remove tenant stacks' objects.
 */
export const accessRoles = ["previewers", "reviewStacks", "sweepers"] as const;

export type AccessRole = (typeof accessRoles)[number];

/**
 * Identities by role, each a principal in the cloud's format (IAM role ARN on EKS, IAM member on GKE, a Kubernetes
 * user name on an adopted cluster). Every role @default none.
 */
export type AccessIdentities = { readonly [R in AccessRole]?: string[] };

/** The identities of one role. */
export function identitiesOf(access: AccessIdentities, role: AccessRole): string[] {
    return access[role] ?? [];
}
