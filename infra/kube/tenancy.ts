import { createHash } from "node:crypto";

/**
 * Tenant stacks share the dev cluster: `pr-<number>` for a pull request, `dev-<name>` for a developer. Each runs
 * in the namespace named after it, so its name must also be a valid namespace name.
 */
const reviewStackPattern = "pr-[0-9]+";
const developerStackPattern = "dev-.+";

/** The namespaces each tenant identity may touch, as RE2 patterns (what the admission policy's CEL `matches` reads). */
export const tenantNamespacePatterns = {
    reviewStacks: `^${reviewStackPattern}$`,
    sweepers: `^(${reviewStackPattern}|${developerStackPattern})$`,
} as const;

const anyTenantStack = new RegExp(tenantNamespacePatterns.sweepers);
const reviewStack = new RegExp(tenantNamespacePatterns.reviewStacks);
const developerStack = new RegExp(`^${developerStackPattern}$`);
const namespaceName = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Stack names that make a tenant stack without further config: `dev-<name>` and `pr-<number>`. */
export function isTenantStackName(stack: string): boolean {
    return anyTenantStack.test(stack);
}

/** A developer's stack, `dev-<name>`. */
export function isDeveloperStackName(stack: string): boolean {
    return developerStack.test(stack);
}

/** The pull request of a `pr-<number>` stack; undefined for any other name. */
export function reviewStackNumber(stack: string): number | undefined {
    return reviewStack.test(stack) ? Number(stack.slice("pr-".length)) : undefined;
}

/**
 * The namespace of a tenant stack: the stack name when it is a valid DNS-1123 label, otherwise a
 * deterministic label derived from it (lower-cased, invalid characters replaced, shortened) with a short hash
 * of the original name, so two different stack names never share a namespace.
 */
export function tenantNamespace(stack: string): string {
    if (namespaceName.test(stack)) return stack;
    const base = stack.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
    const suffix = createHash("sha256").update(stack).digest("hex").slice(0, 6);
    const name = `${base.slice(0, 63 - suffix.length - 1).replace(/-$/, "")}-${suffix}`.replace(/^-/, "");
    if (!namespaceName.test(name)) {
        throw new Error(`stack name ${JSON.stringify(stack)} cannot be turned into a Kubernetes namespace name; use lower-case letters, digits and '-'`);
    }
    return name;
}

/** Marks a namespace the shared stack provisioned for a tenant stack (the value is the namespace). */
export const tenantStackLabel = "webstack.dev/tenant-stack";

/** The ClusterRole a tenant namespace's RoleBinding grants: what a tenant stack creates there, and what its awaits read. */
export const tenantRoleName = "webstack-tenant";

/** The ClusterRole that lets a tenant identity create its namespace and bind the tenant role in it (and nothing else). */
export const tenantBootstrapRoleName = "webstack-tenant-bootstrap";
