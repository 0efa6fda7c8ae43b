import { commonLabels } from "../kube/labels";
import { podSecurityLabels, podSecurityVersion } from "../kube/podSecurity";
import { rbacApiGroup, type Subject } from "../kube/rbac";
import { loadBalancersLabel, tenantRoleName, tenantStackLabel } from "../kube/tenancy";
import { containerMinimum } from "./containerMinimum";
import { withTenantDefaults, type TenantLimits } from "./limits";

/**
 * What makes a namespace a tenant's, as plain Kubernetes objects: the shared stack declares them for developers'
 * namespaces (DeveloperNamespaces, TenantQuota) and the provisioner applies them for pull requests' (npm run stack
 * -- provision), so both make the same.
 */

type Quantities = Record<"cpu" | "memory" | "ephemeral-storage", string>;

/** The ResourceQuota's name in every tenant namespace. */
export const tenantQuotaName = "tenant";
/** The LimitRange's name in every tenant namespace. */
export const tenantLimitRangeName = "tenant-defaults";

/** The labels of a tenant namespace: ours, Pod Security restricted, the tenant-stack label; `allowed` load balancers where the quota admits some. */
export function tenantNamespaceLabels(namespace: string, limits?: TenantLimits): Record<string, string> {
    const { quota } = withTenantDefaults(limits);
    return {
        ...commonLabels,
        ...podSecurityLabels("restricted", podSecurityVersion),
        [tenantStackLabel]: namespace,
        ...(quota.loadBalancers > 0 ? { [loadBalancersLabel]: "allowed" } : {}),
    };
}

/** The ResourceQuota's spec: what the namespace's pods, claims and load balancers may use together. */
export function tenantQuotaSpec(limits?: TenantLimits): { hard: Record<string, string> } {
    const { quota } = withTenantDefaults(limits);
    return {
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
    };
}

/** The LimitRange's spec: each container's minimum, its maximum (the whole quota), and defaults for those that set none. */
export function tenantLimitRangeSpec(limits?: TenantLimits): { limits: { type: string; min: Quantities; max: Quantities; defaultRequest: Quantities; default: Quantities }[] } {
    const { quota, containerDefaults } = withTenantDefaults(limits);
    return {
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
    };
}

/** The RoleBinding that grants the tenant role in a tenant namespace (its spec besides the namespace). */
export function tenantRoleBindingSpec(subjects: Subject[]): { roleRef: { apiGroup: string; kind: string; name: string }; subjects: Subject[] } {
    return { roleRef: { apiGroup: rbacApiGroup, kind: "ClusterRole", name: tenantRoleName }, subjects };
}

/**
 * A pull request's (or any provisioned tenant's) namespace with its quota, LimitRange and the tenant role for
 * `subjects`, as manifests to apply.
 */
export function tenantNamespaceManifests(namespace: string, options: { limits?: TenantLimits; subjects: Subject[] }): Record<string, unknown>[] {
    const meta = (name: string) => ({ name, namespace, labels: commonLabels });
    return [
        { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace, labels: tenantNamespaceLabels(namespace, options.limits) } },
        { apiVersion: "v1", kind: "ResourceQuota", metadata: meta(tenantQuotaName), spec: tenantQuotaSpec(options.limits) },
        { apiVersion: "v1", kind: "LimitRange", metadata: meta(tenantLimitRangeName), spec: tenantLimitRangeSpec(options.limits) },
        { apiVersion: `${rbacApiGroup}/v1`, kind: "RoleBinding", metadata: meta(tenantRoleName), ...tenantRoleBindingSpec(options.subjects) },
    ];
}
