import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/types";
import { CertManager } from "./certManager";
import { IngressNginx } from "./ingressNginx";
import { ingressClassName, ingressNamespace, issuerNames } from "./names";

export interface PlatformArgs {
    /** The cluster to install into; every resource uses its provider. */
    cluster: Cluster;
    /** Prod: controller replicas 2 with a PodDisruptionBudget. */
    prod: boolean;
    /** Let's Encrypt account e-mail; the ACME account is registered without one when unset. */
    acmeEmail?: string;
    /** Install ingress-nginx. Default true (only existing clusters may switch it off). */
    ingressController: boolean;
    /** Install cert-manager and the letsencrypt-staging / letsencrypt-prod ClusterIssuers. */
    certManager: boolean;
}

/** What the apps need to know about the platform. */
export interface PlatformInfo {
    /** IngressClass name of the controller. */
    ingressClassName: string;
    /** Namespace of the ingress controller pods (NetworkPolicies allow traffic from it). */
    ingressNamespace: string;
    /** ClusterIssuer names by flavour. */
    issuers: { staging: string; prod: string };
    /** External address of the ingress controller (IP or hostname), when known. */
    ingressAddress?: pulumi.Output<string | undefined>;
    /**
     * What an Ingress (or Certificate) must wait for when it is created in the same run as the platform: the
     * controller chart (its admission webhook rejects Ingresses until ready) and the ClusterIssuers. Put them in
     * `dependsOn`. Undefined or empty where the platform already exists.
     */
    dependencies?: pulumi.Resource[];
}

/**
 * The pieces every web cluster needs, installed once per cluster: ingress-nginx behind a LoadBalancer Service,
 * cert-manager and the Let's Encrypt ClusterIssuers. On existing clusters either piece can be left out; the
 * names stay, so apps use the class and issuers the cluster already has.
 */
export class Platform extends pulumi.ComponentResource implements PlatformInfo {
    readonly ingressClassName = ingressClassName;
    readonly ingressNamespace = ingressNamespace;
    readonly issuers = { ...issuerNames };
    readonly ingressAddress?: pulumi.Output<string>;
    readonly dependencies: pulumi.Resource[];
    /** Undefined when the cluster brings its own controller. */
    readonly ingressController?: IngressNginx;
    /** Undefined when the cluster brings its own cert-manager. */
    readonly certManager?: CertManager;

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:platform:Platform", name, {}, opts);
        if (args.ingressController) {
            this.ingressController = new IngressNginx(`${name}-ingress-nginx`, { cluster: args.cluster, prod: args.prod }, { parent: this });
            // Resolves to undefined while the load balancer has no address; the stack output is then left out.
            this.ingressAddress = this.ingressController.address as pulumi.Output<string>;
        }
        if (args.certManager) {
            this.certManager = new CertManager(`${name}-cert-manager`, { cluster: args.cluster, acmeEmail: args.acmeEmail }, { parent: this });
        }
        this.dependencies = [
            ...(this.ingressController ? [this.ingressController.chart] : []),
            ...(this.certManager?.issuers ?? []),
        ];
        this.registerOutputs({ ingressAddress: this.ingressAddress });
    }
}
