import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { accessRoles, identitiesOf, type AccessIdentities } from "./identities";
import { accessGroup } from "./subjects";

/**
 * EKS with authenticationMode API lets in only the cluster's creator and cluster.admins/developers (eks/access.ts):
 * one access entry per identity of webstack:access, putting it in its role's Kubernetes group (webstack:<role>),
 * which KubernetesAccess binds (no access policy: RBAC decides).
 */
export function eksAccessEntries(name: string, access: AccessIdentities, clusterName: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): aws.eks.AccessEntry[] {
    return accessRoles.flatMap((role) => identitiesOf(access, role).map((principalArn) => new aws.eks.AccessEntry(`${name}-${role}-${principalArn.split("/").pop()}`, {
        clusterName,
        principalArn,
        kubernetesGroups: [accessGroup(role)],
        type: "STANDARD",
    }, opts)));
}
