import { z } from "zod";
import { byteQuantity, cpuQuantity } from "./formats";

/** Limits of a tenant namespace (per-developer or per-PR stack on the shared dev cluster). */
export const tenantSchema = z.strictObject({
    /** ResourceQuota of the tenant namespace. */
    quota: z
        .strictObject({
            /** Sum of CPU requests. Default "2". */
            requestsCpu: cpuQuantity.default("2"),
            /** Sum of memory requests. Default "4Gi". */
            requestsMemory: byteQuantity.default("4Gi"),
            /** Sum of CPU limits. Default "4". */
            limitsCpu: cpuQuantity.default("4"),
            /** Sum of memory limits. Default "8Gi". */
            limitsMemory: byteQuantity.default("8Gi"),
            /** Sum of ephemeral-storage requests (emptyDirs, logs on the shared nodes' disks). Default "2Gi". */
            requestsEphemeralStorage: byteQuantity.default("2Gi"),
            /** Sum of ephemeral-storage limits. Default "8Gi". */
            limitsEphemeralStorage: byteQuantity.default("8Gi"),
            /** Sum of PVC storage. Default "20Gi". */
            storage: byteQuantity.default("20Gi"),
            /** Pods. Default 20. */
            pods: z.int().min(1).max(500).default(20),
            /** PersistentVolumeClaims. Default 5. */
            persistentVolumeClaims: z.int().min(0).max(100).default(5),
            /** Services of type LoadBalancer. Default 0: tenants share the ingress controller. */
            loadBalancers: z.int().min(0).max(10).default(0),
        })
        .prefault({}),
    /** LimitRange defaults for containers that declare none. */
    containerDefaults: z
        .strictObject({
            requestsCpu: cpuQuantity.default("100m"),
            requestsMemory: byteQuantity.default("128Mi"),
            limitsCpu: cpuQuantity.default("500m"),
            limitsMemory: byteQuantity.default("256Mi"),
            requestsEphemeralStorage: byteQuantity.default("64Mi"),
            limitsEphemeralStorage: byteQuantity.default("256Mi"),
        })
        .prefault({}),
});

export type TenantConfig = z.infer<typeof tenantSchema>;
