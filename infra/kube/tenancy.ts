import { dnsLabelPattern } from "./dnsLabel";

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
const namespaceName = dnsLabelPattern;

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

/** Why a tenant stack's name cannot name its namespace, or undefined when it can. */
export function tenantStackNameProblem(stack: string): string | undefined {
    if (namespaceName.test(stack)) return undefined;
    const lower = stack.toLowerCase();
    const hint = lower !== stack && namespaceName.test(lower) ? ` such as ${lower}` : "";
    return `names the stack's namespace, so it must be a DNS label${hint}: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit`;
}

/**
 * Longest tenant stack name: its hosts are `<app>-<stack>` in one DNS label (63 characters), and this leaves every
 * app at least 22 of them (tenantHostLabel).
 */
export const tenantStackMaxLength = 40;

/** A developer's name with the word `dev` or `pr` in it could end like another tenant stack: dev-x-pr-1 and pr-1. */
const embeddedStackWord = /(^|-)(dev|pr)(-|$)/;

/**
 * Why a new tenant stack's name cannot be used, or undefined when it can: a namespace name (tenantStackNameProblem),
 * short enough for its hosts, and never the end of another tenant stack's name, so that `-<stack>` at the end of a host
 * names one stack only (tenantHostLabel). Stacks made before these rules keep working; only new ones are held to them.
 */
export function newTenantStackNameProblem(stack: string): string | undefined {
    const problem = tenantStackNameProblem(stack);
    if (problem) return problem;
    if (stack.length > tenantStackMaxLength) return `is too long for its hosts (<app>-<stack>, one DNS label): at most ${tenantStackMaxLength} characters (got ${stack.length})`;
    if (isDeveloperStackName(stack) && embeddedStackWord.test(stack.slice("dev-".length))) {
        return "may not have the word dev or pr after dev-: its hosts (<app>-<stack>) would end like another tenant stack's";
    }
    return undefined;
}

/** The namespace of a tenant stack: the stack's own name (tenantStackNameProblem tells whether it can be one). */
export function tenantNamespace(stack: string): string {
    const problem = tenantStackNameProblem(stack);
    if (problem) throw new Error(`tenant stack ${stack} ${problem}`);
    return stack;
}

/** Marks a namespace the shared stack provisioned for a tenant stack (the value is the namespace). */
export const tenantStackLabel = "webstack.dev/tenant-stack";

/** The ClusterRole a tenant namespace's RoleBinding grants: what a tenant stack creates there, and what its awaits read. */
export const tenantRoleName = "webstack-tenant";

/**
 * The ClusterRole of the trusted jobs that provision and remove tenant namespaces (webstack:access.sweepers): create
 * a namespace with its quota, LimitRange and RoleBinding, delete a namespace; confined to tenant namespaces.
 */
export const tenantProvisionerRoleName = "webstack-tenant-provisioner";

/** The ClusterRole of the previewers: read what a preview reads, no Secrets, no pod logs. */
export const previewerRoleName = "webstack-previewer";

/** Set to `allowed` on a tenant namespace whose quota admits LoadBalancer Services (webstack:tenant.quota.loadBalancers). */
export const loadBalancersLabel = "webstack.dev/load-balancers";
