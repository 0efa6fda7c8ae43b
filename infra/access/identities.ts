/**
 * The roles of webstack:access, each a list of identities let into the cluster besides its admins and developers:
 * - previewers: Kubernetes `view` on the whole cluster (`pulumi preview` from pull requests; no writes, no Secrets);
 * - reviewStacks: may create and change `pr-<number>` namespaces and what is in them, nothing else;
 * - sweepers: may remove `pr-<number>` and `dev-<name>` namespaces and what is in them.
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
