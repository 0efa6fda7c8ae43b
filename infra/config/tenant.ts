import { z } from "zod";
import { tenantContainerDefaults as container, tenantQuotaDefaults as quota } from "../tenant/limits";
import { byteQuantity, cpuQuantity } from "./formats";

/** Limits of a tenant namespace (a per-developer or per-PR stack on the shared dev cluster). */
export const tenantSchema = z.strictObject({
    quota: z
        .strictObject({
            requestsCpu: cpuQuantity.default(quota.requestsCpu).describe("Sum of CPU requests."),
            requestsMemory: byteQuantity.default(quota.requestsMemory).describe("Sum of memory requests."),
            limitsCpu: cpuQuantity.default(quota.limitsCpu).describe("Sum of CPU limits."),
            limitsMemory: byteQuantity.default(quota.limitsMemory).describe("Sum of memory limits."),
            requestsEphemeralStorage: byteQuantity.default(quota.requestsEphemeralStorage).describe("Sum of ephemeral-storage requests (emptyDirs, logs on the shared nodes' disks)."),
            limitsEphemeralStorage: byteQuantity.default(quota.limitsEphemeralStorage).describe("Sum of ephemeral-storage limits."),
            storage: byteQuantity.default(quota.storage).describe("Sum of PVC storage."),
            pods: z.int().min(1).max(500).default(quota.pods).describe("Pods."),
            persistentVolumeClaims: z.int().min(0).max(100).default(quota.persistentVolumeClaims).describe("PersistentVolumeClaims."),
            loadBalancers: z.int().min(0).max(10).default(quota.loadBalancers).describe("Services of type LoadBalancer: none by default, tenants share the ingress controller."),
        })
        .prefault({})
        .describe("The ResourceQuota of a tenant namespace."),
    containerDefaults: z
        .strictObject({
            requestsCpu: cpuQuantity.default(container.requestsCpu).describe("CPU request."),
            requestsMemory: byteQuantity.default(container.requestsMemory).describe("Memory request."),
            limitsCpu: cpuQuantity.default(container.limitsCpu).describe("CPU limit."),
            limitsMemory: byteQuantity.default(container.limitsMemory).describe("Memory limit."),
            requestsEphemeralStorage: byteQuantity.default(container.requestsEphemeralStorage).describe("Ephemeral-storage request."),
            limitsEphemeralStorage: byteQuantity.default(container.limitsEphemeralStorage).describe("Ephemeral-storage limit."),
        })
        .prefault({})
        .describe("The LimitRange defaults of a tenant namespace, for containers that declare none."),
});

export type TenantConfig = z.infer<typeof tenantSchema>;
