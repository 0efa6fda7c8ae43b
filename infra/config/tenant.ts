import { z } from "zod";
import { tenantContainerDefaults as container, tenantQuotaDefaults as quota } from "../tenant/limits";
import { byteQuantity, cpuQuantity } from "./formats";

/** Limits of a tenant namespace (per-developer or per-PR stack on the shared dev cluster). */
export const tenantSchema = z.strictObject({
    /** ResourceQuota of the tenant namespace. */
    quota: z
        .strictObject({
            /** Sum of CPU requests. Default "2". */
            requestsCpu: cpuQuantity.default(quota.requestsCpu),
            /** Sum of memory requests. Default "4Gi". */
            requestsMemory: byteQuantity.default(quota.requestsMemory),
            /** Sum of CPU limits. Default "4". */
            limitsCpu: cpuQuantity.default(quota.limitsCpu),
            /** Sum of memory limits. Default "8Gi". */
            limitsMemory: byteQuantity.default(quota.limitsMemory),
            /** Sum of ephemeral-storage requests (emptyDirs, logs on the shared nodes' disks). Default "2Gi". */
            requestsEphemeralStorage: byteQuantity.default(quota.requestsEphemeralStorage),
            /** Sum of ephemeral-storage limits. Default "8Gi". */
            limitsEphemeralStorage: byteQuantity.default(quota.limitsEphemeralStorage),
            /** Sum of PVC storage. Default "20Gi". */
            storage: byteQuantity.default(quota.storage),
            /** Pods. Default 20. */
            pods: z.int().min(1).max(500).default(quota.pods),
            /** PersistentVolumeClaims. Default 5. */
            persistentVolumeClaims: z.int().min(0).max(100).default(quota.persistentVolumeClaims),
            /** Services of type LoadBalancer. Default 0: tenants share the ingress controller. */
            loadBalancers: z.int().min(0).max(10).default(quota.loadBalancers),
        })
        .prefault({}),
    /** LimitRange defaults for containers that declare none. */
    containerDefaults: z
        .strictObject({
            requestsCpu: cpuQuantity.default(container.requestsCpu),
            requestsMemory: byteQuantity.default(container.requestsMemory),
            limitsCpu: cpuQuantity.default(container.limitsCpu),
            limitsMemory: byteQuantity.default(container.limitsMemory),
            requestsEphemeralStorage: byteQuantity.default(container.requestsEphemeralStorage),
            limitsEphemeralStorage: byteQuantity.default(container.limitsEphemeralStorage),
        })
        .prefault({}),
});

export type TenantConfig = z.infer<typeof tenantSchema>;
