import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { accessRoles, type AccessConfig } from "../config/access";

/**
 * Lets each identity of webstack:access (an IAM member) fetch the GKE cluster's endpoint and credentials
 * (roles/container.clusterViewer: get and list clusters, no Kubernetes objects); what it may do inside is Kubernetes
 * RBAC's (KubernetesAccess). Resource names `<name>-<role>-<i>`, by position in the config.
 */
export function gkeClusterAccess(name: string, access: AccessConfig, project: string, opts: pulumi.CustomResourceOptions): gcp.projects.IAMMember[] {
    return accessRoles.flatMap((role) => access[role].map((member, i) => new gcp.projects.IAMMember(`${name}-${role}-${i}`, {
        project,
        role: "roles/container.clusterViewer",
        member,
    }, opts)));
}
