import { servedByTenantIngress, type AppConfig } from "../infra/config/apps";
import { tenantHost } from "../infra/tenant/host";
import type { Expose } from "../infra/webapp/props";

/** How an app is reached, after the stack's rules are applied. */
export interface Exposure {
    /** loadBalancer: public Service; ingress: TLS Ingress at `host`; internal: ClusterIP only. */
    mode: Expose;
    /** Host of the Ingress (mode ingress only). */
    host?: string;
}

export interface ExposureContext {
    /** A per-developer or per-PR stack on the shared dev cluster. */
    tenantStack: boolean;
    stack: string;
    /** DNS zone tenant hosts live under (the config requires it on tenant stacks that serve anything). */
    domain?: string;
}

/**
 * As configured, except on tenant stacks: they share the ingress controller instead of paying for load
 * balancers (their quota allows none), so loadBalancer becomes ingress unless `forceLoadBalancer`, and every
 * served app gets its own host `<app>-<stack>.<domain>` (tenantHost) so tenants never collide.
 */
export function exposure(name: string, app: Pick<AppConfig, "expose" | "host" | "forceLoadBalancer">, context: ExposureContext): Exposure {
    if (!context.tenantStack) return app.expose === "ingress" ? { mode: "ingress", host: app.host } : { mode: app.expose };
    if (!servedByTenantIngress(app)) return { mode: app.expose };
    if (!context.domain) throw new Error(`webstack:domain is required on tenant stacks: apps.${name} is served at <app>-<stack>.<domain>`);
    return { mode: "ingress", host: tenantHost(name, context.stack, context.domain) };
}
