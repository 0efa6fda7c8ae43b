const tenantStackName = /^(dev-.+|pr-[0-9]+)$/;

/** Stack names that make a tenant stack without further config: `dev-<name>` and `pr-<number>`. */
export function isTenantStackName(stack: string): boolean {
    return tenantStackName.test(stack);
}
