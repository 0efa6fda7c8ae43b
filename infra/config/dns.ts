import { z } from "zod";
import type { RuleInput, RuleIssue } from "./rules";

/** DNS services external-dns can write to, each with the cloud whose workload identity it trusts. */
export const dnsProviderCloud = { "cloud-dns": "gcp", route53: "aws" } as const;

export type DnsProvider = keyof typeof dnsProviderCloud;

/** How each provider names a zone. */
const zoneFormats: Record<DnsProvider, { pattern: RegExp; message: string }> = {
    "cloud-dns": {
        pattern: /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
        message: "must be a Cloud DNS managed zone name: 1-63 lower-case letters, digits or '-', starting with a letter",
    },
    route53: {
        pattern: /^Z[A-Z0-9]{1,31}$/,
        message: "must be a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ",
    },
};

/** `webstack:dns`: opt-in DNS records for every Ingress host, written by external-dns. */
export const dnsSchema = z
    .strictObject({
        /** cloud-dns (GKE clusters) or route53 (EKS clusters). Required. */
        provider: z.enum(Object.keys(dnsProviderCloud) as [DnsProvider, ...DnsProvider[]]),
        /** The zone the records go to: a Cloud DNS managed zone name, or a Route 53 hosted zone ID. Required. */
        zone: z.string(),
    })
    .superRefine((dns, ctx) => {
        const format = zoneFormats[dns.provider];
        if (!format.pattern.test(dns.zone)) ctx.addIssue({ code: "custom", path: ["zone"], input: dns.zone, message: format.message });
    });

export type DnsConfig = z.infer<typeof dnsSchema>;

/**
 * external-dns gets its cloud identity from the cluster (Workload Identity on GKE, IRSA on EKS), so the zone's
 * provider must be the cluster's cloud; and it only writes records under `webstack:domain`, so that is required.
 * Tenant stacks never set `dns` (the clusterSource rule says so): the shared cluster's external-dns serves them.
 */
export function dnsRule({ raw, root, tenant }: RuleInput): RuleIssue[] {
    const dns = root.dns;
    if (tenant || !dns) return [];
    const out: RuleIssue[] = [];
    const cloud = dnsProviderCloud[dns.provider];
    if (root.cloud && root.cloud !== cloud) {
        const other = (Object.keys(dnsProviderCloud) as DnsProvider[]).find((p) => dnsProviderCloud[p] === root.cloud);
        const hint = other ? `; on cloud ${root.cloud} use ${other}` : ": external-dns needs the cloud identity of a cluster this program creates";
        out.push({ path: ["dns", "provider"], input: dns.provider, message: `needs cloud ${cloud} (cloud is ${root.cloud})${hint}` });
    }
    if (raw.domain === undefined) {
        out.push({ path: ["domain"], input: undefined, message: "is required with webstack:dns: external-dns writes records under this domain only" });
    }
    return out;
}
