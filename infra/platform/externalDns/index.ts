import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Cluster, WorkloadIdentity } from "../../cluster/types";
import type { DnsZone } from "../dns/zone";
import { externalDnsNamespace } from "../names";
import { platformNamespace } from "../namespace";
import type { ServiceAccountRef } from "../dns/identity";
import { zoneIdentity } from "../dns/zoneIdentity";
import { externalDnsChart, pinnedChartArgs } from "../../kube/helmCharts";
import { externalDnsRelease, externalDnsValues, type DnsIdentity } from "./values";

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

/** Record types external-dns writes for Ingresses: A/AAAA (alias to the NLB), CNAME, and its TXT ownership records. */
export const externalDnsRecordTypes = ["A", "AAAA", "CNAME", "TXT"] as const;

/** external-dns's cloud identity (any record under the domain), with the provider flags of its cloud. */
function identityFor(name: string, args: ExternalDnsArgs, opts: pulumi.CustomResourceOptions): DnsIdentity {
    const identity: WorkloadIdentity | undefined = args.cluster.workloadIdentity;
    const zone = zoneIdentity(name, {
        workloadIdentity: identity,
        dns: args.dns,
        serviceAccount: externalDnsServiceAccount,
        controller: "external-dns",
        scope: { kind: "domain", domain: args.domain, types: externalDnsRecordTypes },
    }, opts);
    if (identity?.cloud === "gcp") return { ...zone, provider: "google", args: [`--google-project=${identity.project}`, "--google-zone-visibility=public"], env: [] };
    return { ...zone, provider: "aws", args: ["--aws-zone-type=public"], env: [{ name: "AWS_DEFAULT_REGION", value: identity!.region }] };
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
