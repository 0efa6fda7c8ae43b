import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Cluster, WorkloadIdentity } from "../../cluster/types";
import type { DnsZone } from "./zone";
import { externalDnsNamespace } from "../names";
import { platformNamespace } from "../namespace";
import type { DnsIdentity, ServiceAccountRef } from "./identity";
import { externalDnsChart, pinnedChartArgs } from "../../kube/helmCharts";
import { externalDnsRelease, externalDnsValues } from "./values";

export interface ExternalDnsArgs {
    /** The cluster: its provider, and the workload identity external-dns's cloud identity is bound through. */
    cluster: Pick<Cluster, "provider" | "workloadIdentity">;
    /** Provider and zone (`webstack:dns`). */
    dns: DnsZone;
    /** Records are written under this domain only (`webstack:domain`). */
    domain: string;
    /** TXT ownership id, unique per cluster sharing the zone (the stack's `<project>-<stack>`). */
    owner: string;
}

/** The ServiceAccount the chart creates for the release; the cloud identity trusts exactly this one. */
export const externalDnsServiceAccount: ServiceAccountRef = { namespace: externalDnsNamespace, name: externalDnsRelease };

/** external-dns's cloud identity, from the cluster's workload identity matching the zone's provider. */
function identityFor(name: string, args: ExternalDnsArgs, opts: pulumi.CustomResourceOptions): DnsIdentity {
    const identity: WorkloadIdentity | undefined = args.cluster.workloadIdentity;
    const serviceAccount = externalDnsServiceAccount;
    // Each identity module is loaded only for its cloud, so a stack never pays the start-up cost of the other
    // cloud's SDK (and one without `dns` neither): @pulumi/aws and @pulumi/gcp take seconds to load.
    if (args.dns.provider === "cloud-dns" && identity?.cloud === "gcp") {
        const { cloudDnsIdentity } = require("./cloudDnsIdentity") as typeof import("./cloudDnsIdentity");
        return cloudDnsIdentity(name, { project: identity.project, pool: identity.pool, zone: args.dns.zone, serviceAccount }, opts);
    }
    if (args.dns.provider === "route53" && identity?.cloud === "aws") {
        const { route53Identity } = require("./route53Identity") as typeof import("./route53Identity");
        return route53Identity(name, { region: identity.region, oidc: identity.oidc, zone: args.dns.zone, domain: args.domain, serviceAccount }, opts);
    }
    throw new Error(`ExternalDns: webstack:dns.provider ${args.dns.provider} needs a cluster of its cloud (cluster identity: ${identity?.cloud ?? "none"})`);
}

/**
 * external-dns in its own namespace (Pod Security `restricted`): it writes an A/CNAME record (and its TXT
 * ownership record) for every host of every `traefik` Ingress in the cluster, tenant stacks' included, pointing at
 * the address Traefik publishes in the Ingress status. Its cloud identity comes from Workload Identity (GKE) or
 * IRSA (EKS), with rights on the one zone only.
 */
export class ExternalDns extends pulumi.ComponentResource {
    readonly chart: k8s.helm.v4.Chart;
    readonly identity: DnsIdentity;

    constructor(name: string, args: ExternalDnsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:platform:ExternalDns", name, {}, opts);
        const provider = args.cluster.provider;
        this.identity = identityFor(name, args, { parent: this });
        const namespace = platformNamespace(name, externalDnsNamespace, "restricted", { parent: this, provider });
        this.chart = new k8s.helm.v4.Chart(name, pinnedChartArgs(externalDnsChart, {
            name: externalDnsRelease,
            namespace: namespace.metadata.name,
            values: externalDnsValues({ identity: this.identity, zone: args.dns.zone, domain: args.domain, owner: args.owner }),
        }), { parent: this, provider, dependsOn: this.identity.grants });
        this.registerOutputs({});
    }
}
