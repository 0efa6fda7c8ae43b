/**
 * What decides whether a shared stack hosts tenant stacks, in the shape both the parsed config and a stack file's
 * raw values have (the render mocks read the latter to answer a tenant's StackReference).
 */
export interface TenantHosting<Developer = unknown> {
    cluster?: { developers?: Developer[] };
    existing?: { developers?: Developer[] };
    access?: { reviewStacks?: readonly unknown[]; sweepers?: readonly unknown[] };
}

/** The developers whose tenant stacks this stack's cluster hosts: cluster.developers, or existing.developers on an adopted cluster. */
export function tenantDevelopers<Developer>(config: TenantHosting<Developer>): Developer[] {
    return config.cluster ? config.cluster.developers ?? [] : config.existing?.developers ?? [];
}

/** Whether tenant stacks deploy here: developers', or pull requests' (review stacks, provisioned by the sweepers). */
export function hostsTenantStacks(config: TenantHosting): boolean {
    return tenantDevelopers(config).length > 0 || (config.access?.reviewStacks?.length ?? 0) > 0 || (config.access?.sweepers?.length ?? 0) > 0;
}
