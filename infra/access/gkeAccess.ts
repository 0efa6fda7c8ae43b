import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { developerRole } from "../cluster/gke/access";
import { gcpProject } from "../cluster/gke/project";
import { accessRoles, identitiesOf, type AccessIdentities } from "./identities";

/**
 * Lets each identity of webstack:access (an IAM member) fetch the GKE cluster's endpoint and credentials
 * (the developers' role, roles/container.clusterViewer: get and list clusters, no Kubernetes objects); what it may
 * do inside is Kubernetes RBAC's (KubernetesAccess). Resource names `<name>-<role>-<i>`, by position in the config.
 */
export function gkeAccessIdentities(name: string, access: AccessIdentities, opts: pulumi.CustomResourceOptions): gcp.projects.IAMMember[] {
    const project = gcpProject();
    return accessRoles.flatMap((role) => identitiesOf(access, role).map((member, i) => new gcp.projects.IAMMember(`${name}-${role}-${i}`, {
        project,
        role: developerRole,
        member,
    }, opts)));
}
