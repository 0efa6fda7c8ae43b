import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/types";
import { letsEncryptIssuers } from "./clusterIssuers";
import { certManagerNamespace, type IssuerFlavour } from "./names";
import { platformNamespace } from "./namespace";
import { certManagerChart, pinnedChartArgs } from "../kube/helmCharts";
import { acmeChallengeName, type ServiceAccountRef, type ZoneIdentity } from "./dns/identity";
import type { DnsZone } from "./dns/zone";
import { zoneIdentity } from "./dns/zoneIdentity";
import { dns01Solver } from "./dns01";

/**
 * Port the webhook listens on. A private GKE control plane reaches the nodes on 443 and 10250 only, so the
 * webhook works there without a firewall rule (10250 is also the chart's default; pinned here so it stays so).
 */
export const certManagerWebhookPort = 10250;

/** The controller's ServiceAccount (the chart names it after the release); its DNS identity trusts exactly this one. */
export const certManagerServiceAccount: ServiceAccountRef = { namespace: certManagerNamespace, name: certManagerChart.chart };

/**
 * Chart values: CRDs from the chart (kept on uninstall), leases in our own namespace, requests and limits everywhere;
 * with a DNS identity, the controller's ServiceAccount bound to it.
 */
export function certManagerValues(identity?: ZoneIdentity): Record<string, unknown> {
    const small = { requests: { cpu: "10m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } };
    return {
        crds: { enabled: true, keep: true },
        // Leader-election leases in cert-manager's namespace rather than kube-system: no Role there.
        global: { leaderElection: { namespace: certManagerNamespace } },
        resources: small,
        webhook: { resources: small, securePort: certManagerWebhookPort },
        cainjector: { resources: small },
        // The chart runs this check as a post-install Helm hook, and Pulumi's helm v4 Chart runs no hooks
        // (pulumi-kubernetes#3284): it would never run, so it is off rather than pretending to guard anything.
        startupapicheck: { enabled: false },
        // No Prometheus runs in these clusters.
        prometheus: { enabled: false },
        ...(identity ? { serviceAccount: { annotations: identity.serviceAccountAnnotations } } : {}),
    };
}

export interface CertManagerArgs {
    /** The cluster to install into; every resource uses its provider. */
    cluster: Cluster;
    /** Let's Encrypt account e-mail; default: none. */
    acmeEmail?: string;
    /**
     * Issue the tenants' wildcard `*.<domain>` by DNS-01 in this zone: cert-manager gets its own identity there, which
     * may change the one TXT record `_acme-challenge.<domain>` and nothing else. @default none: HTTP-01 only
     */
    dns01?: { dns: DnsZone; domain: string };
}

/** cert-manager (with its CRDs) in its own namespace, and the Let's Encrypt ClusterIssuers once it is ready. */
export class CertManager extends pulumi.ComponentResource {
    readonly namespace: pulumi.Output<string>;
    readonly chart: k8s.helm.v4.Chart;
    /** The ClusterIssuers by flavour. */
    readonly issuers: Record<IssuerFlavour, k8s.apiextensions.CustomResource>;

    constructor(name: string, args: CertManagerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:platform:CertManager", name, {}, opts);
        const provider = args.cluster.provider;
        const namespace = platformNamespace(name, certManagerNamespace, "restricted", { parent: this, provider });
        this.namespace = namespace.metadata.name;
        const dns01 = args.dns01;
        const identity = dns01 && zoneIdentity(`${name}-acme`, {
            workloadIdentity: args.cluster.workloadIdentity,
            dns: dns01.dns,
            serviceAccount: certManagerServiceAccount,
            controller: "cert-manager",
            scope: { kind: "recordSet", name: acmeChallengeName(dns01.domain), type: "TXT" },
        }, { parent: this });
        this.chart = new k8s.helm.v4.Chart(name, pinnedChartArgs(certManagerChart, {
            name: certManagerChart.chart,
            namespace: this.namespace,
            values: certManagerValues(identity),
        }), { parent: this, provider, dependsOn: identity?.grants ?? [] });
        // Why depending on the Chart is enough for the issuers: it waits for every child to be ready, and among them
        // are what the issuers need. The CRDs are awaited until Established. The webhook Deployment is awaited until
        // Available, and its readiness probe (/healthz) passes only once the webhook serves TLS with the certificate
        // it signs from its CA Secret: so the webhook answers. The cainjector Deployment is awaited until Available
        // too, and it copies that CA into the webhook configurations when it starts, which is what lets the API
        // server trust the webhook. That is the state startupapicheck would have checked.
        const wildcard = dns01 && { domain: dns01.domain, solver: dns01Solver(dns01.dns, args.cluster.workloadIdentity) };
        this.issuers = letsEncryptIssuers(name, { email: args.acmeEmail, wildcard }, { parent: this, provider, dependsOn: [this.chart] });
        this.registerOutputs({ namespace: this.namespace });
    }
}
