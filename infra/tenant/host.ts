import { tenantNamespace } from "../kube/tenancy";

/**
 * Where a tenant stack serves an app: `<app>.<stack>.<domain>`, with the stack written as its namespace so a
 * stack name that is not a DNS label (`dev-Alice`) still gives a valid host, the same one on every run.
 */
export function tenantHost(app: string, stack: string, domain: string): string {
    return `${app}.${tenantNamespace(stack)}.${domain}`;
}
