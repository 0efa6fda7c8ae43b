import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { TenantLimits } from "./limits";
import { tenantLimitRangeName, tenantLimitRangeSpec, tenantQuotaName, tenantQuotaSpec } from "./namespaceObjects";

export interface TenantQuotaArgs {
    /** The tenant's namespace (its name, once the namespace is ready for objects). */
    namespace: pulumi.Input<string>;
    /** Quota sizes and container defaults. @default tenantQuotaDefaults and tenantContainerDefaults */
    limits?: TenantLimits;
}

/** The ResourceQuota and LimitRange that keep one tenant from starving the others on the shared cluster. */
export class TenantQuota extends pulumi.ComponentResource {
    readonly quota: k8s.core.v1.ResourceQuota;
    readonly limitRange: k8s.core.v1.LimitRange;

    constructor(name: string, args: TenantQuotaArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:tenant:Quota", name, {}, opts);
        const namespace = args.namespace;
        this.quota = new k8s.core.v1.ResourceQuota(name, { metadata: { name: tenantQuotaName, namespace }, spec: tenantQuotaSpec(args.limits) }, { parent: this });
        this.limitRange = new k8s.core.v1.LimitRange(name, { metadata: { name: tenantLimitRangeName, namespace }, spec: tenantLimitRangeSpec(args.limits) }, { parent: this });
        this.registerOutputs({});
    }
}
