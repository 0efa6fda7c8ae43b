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
