import type * as pulumi from "@pulumi/pulumi";

/** A Kubernetes ServiceAccount a cloud identity trusts (the chart of the controller names it after the release). */
export interface ServiceAccountRef {
    namespace: string;
    name: string;
}

/** A controller's own cloud identity in the DNS zone, whichever cloud: how its pods get it, and the grants. */
export interface ZoneIdentity {
    /** Annotations that bind the ServiceAccount to the cloud identity (Workload Identity / IRSA). */
    serviceAccountAnnotations: Record<string, pulumi.Input<string>>;
    /** The grants; the controller starts after them, so its first call is not refused. */
    grants: pulumi.Resource[];
}

/**
 * What a controller may do in the zone: every record under the domain (external-dns), or one record set only
 * (cert-manager's DNS-01 answer, `_acme-challenge.<domain>` TXT).
 */
export type RecordScope = { kind: "domain"; domain: string; types: readonly string[] } | { kind: "recordSet"; name: string; type: string };

/** The DNS name of a DNS-01 challenge for `domain` (and for `*.<domain>`): RFC 8555, section 8.4. */
export const acmeChallengeName = (domain: string) => `_acme-challenge.${domain}`;
