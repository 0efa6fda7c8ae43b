import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { DeveloperAccess } from "../props";
import { tenantNamespace } from "../../kube/tenancy";
import { partitionOf } from "./iam";

/** ARN of an EKS access policy (Kubernetes permissions EKS grants itself, no RBAC objects needed). */
export function accessPolicyArn(region: string, policy: "AmazonEKSClusterAdminPolicy" | "AmazonEKSEditPolicy"): string {
    return `arn:${partitionOf(region)}:eks::aws:cluster-access-policy/${policy}`;
}

export interface ClusterAccessArgs {
    clusterName: pulumi.Input<string>;
    region: string;
    /** IAM role/user ARNs granted AmazonEKSClusterAdminPolicy on the whole cluster. */
    admins: string[];
    /** IAM principals granted AmazonEKSEditPolicy in the namespaces of their tenant stacks. */
    developers: DeveloperAccess[];
}

/** What the Kubernetes provider waits for, so every configured identity can use the API when the stack is up. */
export interface ClusterAccess {
    entries: aws.eks.AccessEntry[];
    associations: aws.eks.AccessPolicyAssociation[];
}

/**
 * EKS access entries (authentication mode API): one STANDARD entry per principal and one access policy association
 * each. The identity that creates the cluster is admin through bootstrapClusterCreatorAdminPermissions (EKS makes
 * its entry itself, so it must not be listed again); the CI deploy role and developers need the entries here.
 * Resource names are `<cluster>-admin-<i>` / `<cluster>-developer-<i>`, by position in the config.
 */
export function clusterAccess(name: string, args: ClusterAccessArgs, opts: pulumi.CustomResourceOptions): ClusterAccess {
    const entries: aws.eks.AccessEntry[] = [];
    const associations: aws.eks.AccessPolicyAssociation[] = [];
    const grant = (id: string, principalArn: string, policyArn: string, accessScope: aws.types.input.eks.AccessPolicyAssociationAccessScope) => {
        const entry = new aws.eks.AccessEntry(id, { clusterName: args.clusterName, principalArn, type: "STANDARD" }, opts);
        entries.push(entry);
        associations.push(new aws.eks.AccessPolicyAssociation(id, {
            clusterName: args.clusterName,
            // From the entry, so the association waits for it.
            principalArn: entry.principalArn,
            policyArn,
            accessScope,
        }, opts));
    };
    args.admins.forEach((arn, i) =>
        grant(`${name}-admin-${i}`, arn, accessPolicyArn(args.region, "AmazonEKSClusterAdminPolicy"), { type: "cluster" }));
    args.developers.forEach((developer, i) =>
        grant(`${name}-developer-${i}`, developer.principal, accessPolicyArn(args.region, "AmazonEKSEditPolicy"), {
            type: "namespace",
            namespaces: developer.stacks.map(tenantNamespace),
        }));
    return { entries, associations };
}
