import { z } from "zod";
import { dnsProviderCloud, type DnsProvider } from "../platform/dns/zone";

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
        provider: z.enum(Object.keys(dnsProviderCloud) as [DnsProvider, ...DnsProvider[]]).describe("cloud-dns (on gcp) or route53 (on aws)."),
        zone: z.string().describe("The zone the records go to: a Cloud DNS managed zone name, or a Route 53 hosted zone ID."),
    })
    .superRefine((dns, ctx) => {
        const format = zoneFormats[dns.provider];
        if (!format.pattern.test(dns.zone)) ctx.addIssue({ code: "custom", path: ["zone"], input: dns.zone, message: format.message });
    });

