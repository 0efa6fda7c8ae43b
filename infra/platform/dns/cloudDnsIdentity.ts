import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { serviceAccountId } from "../../cluster/gke/nodeServiceAccount";
import type { RecordScope, ServiceAccountRef, ZoneIdentity } from "./identity";

/** What a controller does to records in the zone: read them, and change them. */
export const cloudDnsRecordPermissions = [
    "dns.changes.create",
    "dns.resourceRecordSets.create",
    "dns.resourceRecordSets.delete",
    "dns.resourceRecordSets.list",
    "dns.resourceRecordSets.update",
] as const;

/** cert-manager also follows its change until Cloud DNS has applied it. */
export const cloudDnsChangeFollowing = ["dns.changes.get"] as const;

/** What it needs on the project: find the zone. Listing zones is a project permission; nothing else is granted there. */
export const cloudDnsProjectPermissions = ["dns.managedZones.list"] as const;

/** A custom role id: letters, digits, `_` and `.`, 3-64 characters. */
export function customRoleId(name: string, suffix: string): string {
    return `${name.replace(/[^a-zA-Z0-9_.]/g, "_").slice(0, 63 - suffix.length)}_${suffix}`;
}

/**
 * An IAM condition that holds the zone grant to one record set: Cloud DNS checks record permissions on the record set
 * (`.../rrsets/<name>./<type>`), and the zone-level ones (changes, list) on resources of other types.
 */
export function recordSetCondition(scope: Extract<RecordScope, { kind: "recordSet" }>): { title: string; expression: string } {
    return {
        title: `Only ${scope.name} ${scope.type}`,
        expression: `(resource.type == 'dns.googleapis.com/ResourceRecordSet' && resource.name.endsWith('/rrsets/${scope.name}./${scope.type}')) || resource.type != 'dns.googleapis.com/ResourceRecordSet'`,
    };
}

export interface CloudDnsIdentityArgs {
    /** GCP project of the cluster and of the zone. */
    project: string;
    /** The cluster's workload identity pool (`<project>.svc.id.goog`). */
    pool: pulumi.Input<string>;
    /** Cloud DNS managed zone name. */
    zone: string;
    /** The Kubernetes ServiceAccount of the controller. */
    serviceAccount: ServiceAccountRef;
    /** The controller, for the account's and roles' titles ("external-dns", "cert-manager"). */
    controller: string;
    /** What it may change: any record of the zone (the zone filters by domain itself), or one record set. */
    scope: RecordScope;
}

/**
 * A controller's identity on GKE: its own Google service account, usable only by its Kubernetes ServiceAccount
 * (Workload Identity), with two custom roles: the record permissions on the one managed zone (held to one record set
 * by an IAM condition where the scope says so), and zone listing on the project. No key is ever created.
 */
export function cloudDnsIdentity(name: string, args: CloudDnsIdentityArgs, opts: pulumi.CustomResourceOptions): ZoneIdentity & { email: pulumi.Output<string> } {
    const { project, zone, serviceAccount, controller, scope } = args;
    const account = new gcp.serviceaccount.Account(name, {
        project,
        accountId: serviceAccountId(name, "-dns"),
        displayName: `${controller} of ${name} (zone ${zone})`,
    }, opts);
    const role = (suffix: string, title: string, permissions: readonly string[]) => new gcp.projects.IAMCustomRole(`${name}-${suffix}`, {
        project,
        roleId: customRoleId(name, suffix),
        title,
        permissions: [...permissions],
    }, opts);
    const records = role("records", `${controller} records (${name})`, scope.kind === "recordSet" ? [...cloudDnsRecordPermissions, ...cloudDnsChangeFollowing] : cloudDnsRecordPermissions);
    const zones = role("zones", `${controller} zone lookup (${name})`, cloudDnsProjectPermissions);
    const zoneGrant = new gcp.dns.DnsManagedZoneIamMember(`${name}-records`, {
        project,
        managedZone: zone,
        role: records.name,
        member: account.member,
        ...(scope.kind === "recordSet" ? { condition: recordSetCondition(scope) } : {}),
    }, opts);
    const projectGrant = new gcp.projects.IAMMember(`${name}-zones`, { project, role: zones.name, member: account.member }, opts);
    const workloadIdentity = new gcp.serviceaccount.IAMMember(`${name}-workload-identity`, {
        serviceAccountId: account.name,
        role: "roles/iam.workloadIdentityUser",
        member: pulumi.interpolate`serviceAccount:${args.pool}[${serviceAccount.namespace}/${serviceAccount.name}]`,
    }, opts);
    return {
        email: account.email,
        serviceAccountAnnotations: { "iam.gke.io/gcp-service-account": account.email },
        grants: [zoneGrant, projectGrant, workloadIdentity],
    };
}
