import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import type { DeveloperAccess } from "../props";

/**
 * Project roles of the cluster's users. Admins get Kubernetes Engine Admin: full control of the project's clusters
 * and of every Kubernetes API object in them (the project holds one environment's cluster). Developers get
 * Kubernetes Engine Cluster Viewer only, which lets them fetch the cluster's endpoint and credentials; what they
 * may do inside is RBAC's: edit in their tenant namespaces (infra/tenant/developerNamespaces.ts).
 */
export const adminRole = "roles/container.admin";
export const developerRole = "roles/container.clusterViewer";

/**
 * Google Groups for RBAC reads group membership below `gke-security-groups@<domain>`; undefined without groups.
 * `others`: further principals bound by RBAC (webstack:access's).
 */
export function rbacSecurityGroup(developers: DeveloperAccess[], others: string[] = []): string | undefined {
    const group = [...developers.map((d) => d.principal), ...others].find((p) => p.startsWith("group:"));
    return group ? `gke-security-groups@${group.split("@")[1]}` : undefined;
}

/** One project IAM grant per admin and per developer; resource names `<name>-admin-<i>` / `<name>-developer-<i>`. */
export function gkeClusterAccess(
    name: string,
    args: { project: string; admins: string[]; developers: DeveloperAccess[] },
    opts: pulumi.CustomResourceOptions,
): gcp.projects.IAMMember[] {
    const grant = (id: string, member: string, role: string) => new gcp.projects.IAMMember(id, { project: args.project, role, member }, opts);
    return [
        ...args.admins.map((member, i) => grant(`${name}-admin-${i}`, member, adminRole)),
        ...args.developers.map((d, i) => grant(`${name}-developer-${i}`, d.principal, developerRole)),
    ];
}
