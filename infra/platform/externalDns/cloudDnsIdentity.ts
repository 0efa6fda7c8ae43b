import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { serviceAccountId } from "../../cluster/gke/nodeServiceAccount";
import type { DnsIdentity, ServiceAccountRef } from "./identity";

/** What external-dns does in the zone (google provider): read the records, and change them. */
export const cloudDnsRecordPermissions = [
    "dns.changes.create",
    "dns.resourceRecordSets.create",
    "dns.resourceRecordSets.delete",
    "dns.resourceRecordSets.list",
    "dns.resourceRecordSets.update",
] as const;

/** What it needs on the project: find the zone. Listing zones is a project permission; nothing else is granted there. */
export const cloudDnsProjectPermissions = ["dns.managedZones.list"] as const;

/** A custom role id: letters, digits, `_` and `.`, 3-64 characters. */
export function customRoleId(name: string, suffix: string): string {
    return `${name.replace(/[^a-zA-Z0-9_.]/g, "_").slice(0, 63 - suffix.length)}_${suffix}`;
}

export interface CloudDnsIdentityArgs {
    /** GCP project of the cluster and of the zone. */
    project: string;
    /** The cluster's workload identity pool (`<project>.svc.id.goog`). */
    pool: pulumi.Input<string>;
    /** Cloud DNS managed zone name. */
    zone: string;
    /** The Kubernetes ServiceAccount of external-dns. */
    serviceAccount: ServiceAccountRef;
}

/**
 * external-dns's identity on GKE: its own Google service account, usable only by its Kubernetes ServiceAccount
 * (Workload Identity), with two custom roles: the record permissions granted on the one managed zone, and zone
 * listing on the project. No key is ever created.
 */
export function cloudDnsIdentity(name: string, args: CloudDnsIdentityArgs, opts: pulumi.CustomResourceOptions): DnsIdentity {
    const { project, zone, serviceAccount } = args;
    const account = new gcp.serviceaccount.Account(name, {
        project,
        accountId: serviceAccountId(name, "-dns"),
        displayName: `external-dns of ${name} (zone ${zone})`,
    }, opts);
    const role = (suffix: string, title: string, permissions: readonly string[]) => new gcp.projects.IAMCustomRole(`${name}-${suffix}`, {
        project,
        roleId: customRoleId(name, suffix),
        title,
        permissions: [...permissions],
    }, opts);
    const records = role("records", `external-dns records (${name})`, cloudDnsRecordPermissions);
    const zones = role("zones", `external-dns zone lookup (${name})`, cloudDnsProjectPermissions);
    const zoneGrant = new gcp.dns.DnsManagedZoneIamMember(`${name}-records`, { project, managedZone: zone, role: records.name, member: account.member }, opts);
    const projectGrant = new gcp.projects.IAMMember(`${name}-zones`, { project, role: zones.name, member: account.member }, opts);
    const workloadIdentity = new gcp.serviceaccount.IAMMember(`${name}-workload-identity`, {
        serviceAccountId: account.name,
        role: "roles/iam.workloadIdentityUser",
        member: pulumi.interpolate`serviceAccount:${args.pool}[${serviceAccount.namespace}/${serviceAccount.name}]`,
    }, opts);
    return {
        provider: "google",
        serviceAccountAnnotations: { "iam.gke.io/gcp-service-account": account.email },
        args: [`--google-project=${project}`, "--google-zone-visibility=public"],
        env: [],
        grants: [zoneGrant, projectGrant, workloadIdentity],
    };
}
