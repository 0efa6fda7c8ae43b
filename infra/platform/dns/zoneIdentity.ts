import type * as pulumi from "@pulumi/pulumi";
import type { WorkloadIdentity } from "../../cluster/types";
import type { RecordScope, ServiceAccountRef, ZoneIdentity } from "./identity";
import { zoneWorkloadIdentity, type DnsZone } from "./zone";

export interface ZoneIdentityArgs {
    /** The cluster's workload identity: Workload Identity on GKE, IRSA on EKS. */
    workloadIdentity?: WorkloadIdentity;
    /** The zone (`webstack:dns`). */
    dns: DnsZone;
    /** The controller's ServiceAccount, the only one the identity trusts. */
    serviceAccount: ServiceAccountRef;
    /** The controller ("external-dns", "cert-manager"). */
    controller: string;
    /** What it may change. */
    scope: RecordScope;
}

/**
 * A controller's own identity in the zone, from the cluster's workload identity matching the zone's provider:
 * Cloud DNS through Workload Identity, Route 53 through IRSA.
 */
export function zoneIdentity(name: string, args: ZoneIdentityArgs, opts: pulumi.CustomResourceOptions): ZoneIdentity {
    const { serviceAccount, scope, controller } = args;
    const identity = zoneWorkloadIdentity(args.dns, args.workloadIdentity, controller);
    // Each identity module is loaded only for its cloud, so a stack never pays the start-up cost of the other
    // cloud's SDK (and one without `dns` neither): @pulumi/aws and @pulumi/gcp take seconds to load.
    if (identity.cloud === "gcp") {
        const { cloudDnsIdentity } = require("./cloudDnsIdentity") as typeof import("./cloudDnsIdentity");
        return cloudDnsIdentity(name, { project: identity.project, pool: identity.pool, zone: args.dns.zone, serviceAccount, controller, scope }, opts);
    }
    const { route53Identity } = require("./route53Identity") as typeof import("./route53Identity");
    return route53Identity(name, { region: identity.region, oidc: identity.oidc, zone: args.dns.zone, serviceAccount, scope }, opts);
}
