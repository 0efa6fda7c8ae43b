import type { WorkloadIdentity } from "../cluster/types";
import type { DnsZone } from "./dns/zone";

/**
 * cert-manager's DNS-01 solver for the zone, with ambient credentials (the controller's own Workload Identity or
 * IRSA identity, dns/zoneIdentity.ts): Cloud DNS in the cluster's project, or Route 53 in the hosted zone given by
 * ID, so it never has to list zones.
 */
export function dns01Solver(dns: DnsZone, identity: WorkloadIdentity | undefined): Record<string, unknown> {
    if (dns.provider === "cloud-dns" && identity?.cloud === "gcp") return { cloudDNS: { project: identity.project } };
    if (dns.provider === "route53" && identity?.cloud === "aws") return { route53: { region: identity.region, hostedZoneID: dns.zone } };
    throw new Error(`cert-manager: webstack:dns.provider ${dns.provider} needs a cluster of its cloud (cluster identity: ${identity?.cloud ?? "none"})`);
}
