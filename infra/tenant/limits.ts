import { definedProps } from "../kube/props";
/** The ResourceQuota of a tenant namespace: what all its pods and claims may use together. */
export interface TenantQuotaLimits {
    /** Sum of CPU requests. @default "2" */
    readonly requestsCpu?: string;
    /** Sum of memory requests. @default "4Gi" */
    readonly requestsMemory?: string;
    /** Sum of CPU limits. @default "4" */
    readonly limitsCpu?: string;
    /** Sum of memory limits. @default "8Gi" */
    readonly limitsMemory?: string;
    /** Sum of ephemeral-storage requests (emptyDirs, logs on the shared nodes' disks). @default "2Gi" */
    readonly requestsEphemeralStorage?: string;
    /** Sum of ephemeral-storage limits. @default "8Gi" */
    readonly limitsEphemeralStorage?: string;
    /** Sum of PVC storage. @default "20Gi" */
    readonly storage?: string;
    /** Pods. @default 20 */
    readonly pods?: number;
    /** PersistentVolumeClaims. @default 5 */
    readonly persistentVolumeClaims?: number;
    /** Services of type LoadBalancer. @default 0: tenants share the ingress controller */
    readonly loadBalancers?: number;
}

/** The LimitRange defaults of a tenant namespace, for containers that declare no requests or limits. */
export interface TenantContainerDefaults {
    /** @default "100m" */
    readonly requestsCpu?: string;
    /** @default "128Mi" */
    readonly requestsMemory?: string;
    /** @default "500m" */
    readonly limitsCpu?: string;
    /** @default "256Mi" */
    readonly limitsMemory?: string;
    /** @default "64Mi" */
    readonly requestsEphemeralStorage?: string;
    /** @default "256Mi" */
    readonly limitsEphemeralStorage?: string;
}

/** What keeps one tenant from starving the others on the shared cluster. */
export interface TenantLimits {
    /** The namespace's ResourceQuota. @default tenantQuotaDefaults */
    readonly quota?: TenantQuotaLimits;
    /** LimitRange defaults for containers that declare none. @default tenantContainerDefaults */
    readonly containerDefaults?: TenantContainerDefaults;
}

export const tenantQuotaDefaults = {
    requestsCpu: "2",
    requestsMemory: "4Gi",
    limitsCpu: "4",
    limitsMemory: "8Gi",
    requestsEphemeralStorage: "2Gi",
    limitsEphemeralStorage: "8Gi",
    storage: "20Gi",
    pods: 20,
    persistentVolumeClaims: 5,
    loadBalancers: 0,
} as const satisfies Required<TenantQuotaLimits>;

export const tenantContainerDefaults = {
    requestsCpu: "100m",
    requestsMemory: "128Mi",
    limitsCpu: "500m",
    limitsMemory: "256Mi",
    requestsEphemeralStorage: "64Mi",
    limitsEphemeralStorage: "256Mi",
} as const satisfies Required<TenantContainerDefaults>;

/** The limits with every default filled in. */
export function withTenantDefaults(limits: TenantLimits = {}): { quota: Required<TenantQuotaLimits>; containerDefaults: Required<TenantContainerDefaults> } {
    return {
        quota: { ...tenantQuotaDefaults, ...definedProps(limits.quota) },
        containerDefaults: { ...tenantContainerDefaults, ...definedProps(limits.containerDefaults) },
    };
}
