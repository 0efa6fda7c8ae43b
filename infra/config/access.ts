import { z } from "zod";

/**
 * Who may use the cluster, besides the identity that created it. Each entry is the identity as the cluster sees
 * it: on gcp a Google service account e-mail, on aws an IAM role ARN (an EKS access entry maps it), on existing
 * clusters a Kubernetes user name. CI signs in as these through OIDC (README: "Identities").
 */
const identities = z.array(z.string().min(1, "must not be empty")).default([]);

export const accessSchema = z.strictObject({
    /** cluster-admin: the deployers of this stack (EKS lets in only the cluster's creator otherwise). Default none. */
    admins: identities,
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

/** What an identity must look like on each cloud; existing clusters take any user name. */
export const identityFormats: Record<"gcp" | "aws", { pattern: RegExp; example: string }> = {
    gcp: { pattern: /^[a-z][-a-z0-9]{4,28}[a-z0-9]@[a-z][-a-z0-9]{4,28}[a-z0-9]\.iam\.gserviceaccount\.com$/, example: "review-stacks@acme-webstack-dev.iam.gserviceaccount.com" },
    aws: { pattern: /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/, example: "arn:aws:iam::123456789012:role/webstack-review-stacks" },
};
