import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { containerMinimum } from "./containerMinimum";
import { withTenantDefaults, type TenantLimits } from "./limits";

export interface TenantQuotaArgs {
    /** The tenant's namespace (its name, once the namespace is ready for objects: AppNamespace.name). */
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
        const { quota, containerDefaults } = withTenantDefaults(args.limits);
        this.quota = new k8s.core.v1.ResourceQuota(name, {
            metadata: { name: "tenant", namespace },
            spec: {
                hard: {
                    "requests.cpu": quota.requestsCpu,
                    "requests.memory": quota.requestsMemory,
                    "limits.cpu": quota.limitsCpu,
                    "limits.memory": quota.limitsMemory,
                    "requests.ephemeral-storage": quota.requestsEphemeralStorage,
                    "limits.ephemeral-storage": quota.limitsEphemeralStorage,
                    "requests.storage": quota.storage,
                    pods: String(quota.pods),
                    persistentvolumeclaims: String(quota.persistentVolumeClaims),
                    "services.loadbalancers": String(quota.loadBalancers),
                },
            },
        }, { parent: this });
        this.limitRange = new k8s.core.v1.LimitRange(name, {
            metadata: { name: "tenant-defaults", namespace },
            spec: {
                limits: [{
                    type: "Container",
                    min: { cpu: containerMinimum.cpu, memory: containerMinimum.memory, "ephemeral-storage": containerMinimum.ephemeralStorage },
                    // No one container beyond what the whole namespace may use.
                    max: { cpu: quota.limitsCpu, memory: quota.limitsMemory, "ephemeral-storage": quota.limitsEphemeralStorage },
                    defaultRequest: {
                        cpu: containerDefaults.requestsCpu,
                        memory: containerDefaults.requestsMemory,
                        "ephemeral-storage": containerDefaults.requestsEphemeralStorage,
                    },
                    default: {
                        cpu: containerDefaults.limitsCpu,
                        memory: containerDefaults.limitsMemory,
                        "ephemeral-storage": containerDefaults.limitsEphemeralStorage,
                    },
                }],
            },
        }, { parent: this });
        this.registerOutputs({});
    }
}
