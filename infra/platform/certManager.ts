import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/types";
import { letsEncryptIssuers } from "./clusterIssuers";
import { certManagerNamespace } from "./names";
import { platformNamespace } from "./namespace";

/** The pinned cert-manager chart. Its pods run under Pod Security `restricted`. */
export const certManagerChart = { chart: "cert-manager", version: "v1.21.2", repo: "https://charts.jetstack.io" } as const;

/** Chart values: CRDs from the chart, leases in our own namespace, requests and limits on every container. */
export function certManagerValues(): Record<string, unknown> {
    const small = { requests: { cpu: "10m", memory: "64Mi" }, limits: { cpu: "200m", memory: "256Mi" } };
    return {
        crds: { enabled: true, keep: true },
        // Leader-election leases in cert-manager's namespace rather than kube-system: no Role there.
        global: { leaderElection: { namespace: certManagerNamespace } },
        resources: small,
        webhook: { resources: small },
        cainjector: { resources: small },
        // The check Job succeeds once the webhook admits cert-manager resources; the chart awaits it.
        startupapicheck: { enabled: true, resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } } },
        // No Prometheus runs in these clusters.
        prometheus: { enabled: false },
    };
}

export interface CertManagerArgs {
    /** The cluster to install into; every resource uses its provider. */
    cluster: Cluster;
    /** Let's Encrypt account e-mail; default: none. */
    acmeEmail?: string;
}

/** cert-manager (with its CRDs) in its own namespace, and the Let's Encrypt ClusterIssuers once it is ready. */
export class CertManager extends pulumi.ComponentResource {
    readonly namespace: pulumi.Output<string>;
    readonly chart: k8s.helm.v4.Chart;
    readonly issuers: k8s.apiextensions.CustomResource[];

    constructor(name: string, args: CertManagerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:platform:CertManager", name, {}, opts);
        const provider = args.cluster.provider;
        const namespace = platformNamespace(name, certManagerNamespace, "restricted", { parent: this, provider });
        this.namespace = namespace.metadata.name;
        this.chart = new k8s.helm.v4.Chart(name, {
            chart: certManagerChart.chart,
            version: certManagerChart.version,
            repositoryOpts: { repo: certManagerChart.repo },
            name: certManagerChart.chart,
            namespace: this.namespace,
            values: certManagerValues(),
        }, { parent: this, provider });
        // A Chart dependency waits for every child: CRDs, the webhook Deployment and the startupapicheck Job.
        this.issuers = letsEncryptIssuers(name, { email: args.acmeEmail }, { parent: this, provider, dependsOn: [this.chart] });
        this.registerOutputs({ namespace: this.namespace });
    }
}
