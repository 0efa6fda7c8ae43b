import { tenantNamespace } from "../kube/tenancy";

/**
 * Where a tenant stack serves an app: `<app>.<stack>.<domain>`, the stack written as its namespace (the same
 * name: tenantStackNameProblem).
 */
export function tenantHost(app: string, stack: string, domain: string): string {
    return `${app}.${tenantNamespace(stack)}.${domain}`;
}
