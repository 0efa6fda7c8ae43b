import type { AppConfig } from "../config/apps";
import { tenantNamespace } from "../kube/tenancy";

/**
 * Whether a tenant stack serves the app through the shared ingress controller: Ingress apps, and LoadBalancer
 * apps that do not force their own load balancer. Internal apps and forced load balancers keep their mode.
 */
export function servedByTenantIngress(app: Pick<AppConfig, "expose" | "forceLoadBalancer">): boolean {
    return app.expose === "ingress" || (app.expose === "loadBalancer" && !app.forceLoadBalancer);
}

/**
 * Where a tenant stack serves an app: `<app>.<stack>.<domain>`, with the stack written as its namespace so a
 * stack name that is not a DNS label (`dev-Alice`) still gives a valid host, the same one on every run.
 */
export function tenantHost(app: string, stack: string, domain: string): string {
    return `${app}.${tenantNamespace(stack)}.${domain}`;
}
