/**
 * What decides whether a shared stack hosts tenant stacks, in the shape both the parsed config and a stack file's
 * raw values have (the render mocks read the latter to answer a tenant's StackReference).
 */
export interface TenantHosting {
    cluster?: { developers?: readonly unknown[] };
    existing?: { developers?: readonly unknown[] };
    access?: { reviewStacks?: readonly unknown[]; sweepers?: readonly unknown[] };
}

/** Whether tenant stacks deploy here: developers' (cluster.developers), or pull requests' (review stacks, provisioned by the sweepers). */
export function hostsTenantStacks(config: TenantHosting): boolean {
    const developers = config.cluster ? config.cluster.developers ?? [] : config.existing?.developers ?? [];
    return developers.length > 0 || (config.access?.reviewStacks?.length ?? 0) > 0 || (config.access?.sweepers?.length ?? 0) > 0;
}
