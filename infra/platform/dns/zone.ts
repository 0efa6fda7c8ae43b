import type { WorkloadIdentity } from "../../cluster/types";

/** DNS services external-dns can write to, each with the cloud whose workload identity it trusts. */
export const dnsProviderCloud = { "cloud-dns": "gcp", route53: "aws" } as const;

export type DnsProvider = keyof typeof dnsProviderCloud;

/** The zone external-dns writes records to. */
export interface DnsZone {
    /** cloud-dns (on GKE) or route53 (on EKS). */
    readonly provider: DnsProvider;
    /** A Cloud DNS managed zone name, or a Route 53 hosted zone ID. */
    readonly zone: string;
}

/**
 * The cluster's workload identity, when it is of the zone's cloud (Cloud DNS needs GKE's Workload Identity, Route 53
 * EKS's IRSA): what a controller of the zone signs in with. The config refuses any other pair first (dnsRules.ts).
 */
export function zoneWorkloadIdentity(dns: DnsZone, identity: WorkloadIdentity | undefined, controller: string): WorkloadIdentity {
    if (identity?.cloud === dnsProviderCloud[dns.provider]) return identity;
    throw new Error(`${controller}: webstack:dns.provider ${dns.provider} needs a cluster of its cloud (cluster identity: ${identity?.cloud ?? "none"})`);
}
