import type { WorkloadIdentity } from "../cluster/types";
import { zoneWorkloadIdentity, type DnsZone } from "./dns/zone";

/**
 * cert-manager's DNS-01 solver for the zone, with ambient credentials (the controller's own Workload Identity or
 * IRSA identity, dns/zoneIdentity.ts): Cloud DNS in the cluster's project, or Route 53 in the hosted zone given by
 * ID, so it never has to list zones.
 */
export function dns01Solver(dns: DnsZone, workloadIdentity: WorkloadIdentity | undefined): Record<string, unknown> {
    const identity = zoneWorkloadIdentity(dns, workloadIdentity, "cert-manager");
    return identity.cloud === "gcp" ? { cloudDNS: { project: identity.project } } : { route53: { region: identity.region, hostedZoneID: dns.zone } };
}
