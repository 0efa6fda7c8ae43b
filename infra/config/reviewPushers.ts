import type { ParsedConfig } from "./parse";

/**
 * Who pushes unreviewed builds to the stack's review registry: the review stacks' identity and each developer.
 * None on prod (it has no tenants), and none without tenants: then the stack has no review registry.
 */
export function reviewPushers(config: Pick<ParsedConfig, "prod" | "access" | "cluster">): string[] {
    if (config.prod) return [];
    return [...new Set([...config.access.reviewStacks, ...(config.cluster?.developers ?? []).map((d) => d.principal)])];
}
