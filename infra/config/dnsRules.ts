import { dnsProviderCloud, type DnsProvider } from "../platform/dns/zone";
import type { ConfigIssue } from "./issue";
import type { RuleInput } from "./ruleTypes";

/**
 * external-dns gets its cloud identity from the cluster (Workload Identity on GKE, IRSA on EKS), so the zone's
 * provider must be the cluster's cloud; and it only writes records under `webstack:domain`, so that is required.
 * Tenant stacks never set `dns` (the clusterSource rule says so): the shared cluster's external-dns serves them.
 */
export function dnsRule({ raw, root, tenant }: RuleInput): ConfigIssue[] {
    const dns = root.dns;
    if (tenant || !dns) return [];
    const out: ConfigIssue[] = [];
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
