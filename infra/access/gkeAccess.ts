import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { accessRoles, type AccessConfig } from "../config/access";

/**
 * Lets each identity of webstack:access fetch the GKE cluster's endpoint and credentials (roles/container.clusterViewer:
 * get and list clusters, no Kubernetes objects); what it may do inside is Kubernetes RBAC's (KubernetesAccess).
 */
export function gkeClusterAccess(name: string, access: AccessConfig, project: string, opts: pulumi.CustomResourceOptions): gcp.projects.IAMMember[] {
    const identities = [...new Set(accessRoles.flatMap((role) => access[role]))];
    return identities.map((email) => new gcp.projects.IAMMember(`${name}-cluster-viewer-${email.split("@")[0]}`, {
        project,
        role: "roles/container.clusterViewer",
        member: `serviceAccount:${email}`,
    }, opts));
}
