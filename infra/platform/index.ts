import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/types";
import type { DnsZone } from "./dns/zone";
import { CertManager } from "./certManager";
import { appIngressAnnotations } from "./entryPoints";
import { ExternalDns } from "./externalDns";
import { ingressClassName, ingressNamespace, issuerNames, platformDefaults, type IssuerFlavour } from "./names";
import { Traefik } from "./traefik";

export interface PlatformArgs {
    /** The cluster to install into; every resource uses its provider (and, for external-dns, its workload identity). */
    cluster: Cluster;
    /** Prod: controller replicas 2 with a PodDisruptionBudget. @default false */
    prod?: boolean;
    /** Let's Encrypt account e-mail; the ACME account is registered without one when unset. */
    acmeEmail?: string;
    /** Install Traefik. @default true (a cluster that brings its own controller switches it off) */
    ingressController?: boolean;
    /** Install cert-manager and the letsencrypt-staging / letsencrypt-prod ClusterIssuers. @default true */
    certManager?: boolean;
    /** Install external-dns for this zone (`webstack:dns`). Default: none, records are created by hand. */
    dns?: DnsZone;
    /** DNS domain of the Ingress hosts (`webstack:domain`); external-dns writes records under it only. Required with `dns`. */
    domain?: string;
}

/** What the apps need to know about the platform. */
export interface PlatformInfo {
    /** IngressClass name of the controller. */
    ingressClassName: string;
    /** Namespace of the ingress controller pods (NetworkPolicies allow traffic from it). */
    ingressNamespace: string;
    /** ClusterIssuer names by flavour. */
    issuers: Record<IssuerFlavour, string>;
    /** Annotations every app Ingress carries for the controller: Traefik serves it on the HTTPS entry point only. */
    ingressAnnotations: Record<string, string>;
    /** External address of the ingress controller (IP or hostname), when known. */
    ingressAddress?: pulumi.Output<string | undefined>;
    /**
     * What an Ingress whose certificate comes from `issuer` must wait for when it is created in the same run as the
     * platform: the controller chart (which serves the Ingress and writes its address) and that ClusterIssuer.
     * Put them in `dependsOn`. Empty for the pieces the cluster already has.
     */
    ingressDependencies(issuer: IssuerFlavour): pulumi.Resource[];
}

/**
 * The pieces every web cluster needs, installed once per cluster: Traefik behind a LoadBalancer Service,
 * cert-manager and the Let's Encrypt ClusterIssuers, and (opt-in) external-dns. On existing clusters the
 * controller and cert-manager can be left out; the names stay, so apps use the class and issuers the cluster
 * already has.
 */
export class Platform extends pulumi.ComponentResource implements PlatformInfo {
    readonly ingressClassName = ingressClassName;
    readonly ingressNamespace = ingressNamespace;
    readonly issuers = { ...issuerNames };
    readonly ingressAnnotations = appIngressAnnotations;
    readonly ingressAddress?: pulumi.Output<string>;
    /** Undefined when the cluster brings its own controller. */
    readonly ingressController?: Traefik;
    /** Undefined when the cluster brings its own cert-manager. */
    readonly certManager?: CertManager;
    /** Undefined without `webstack:dns`. */
    readonly externalDns?: ExternalDns;

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:platform:Platform", name, {}, opts);
        const prod = args.prod ?? false;
        if (args.ingressController ?? platformDefaults.ingressController) {
            this.ingressController = new Traefik(`${name}-traefik`, { cluster: args.cluster, prod }, { parent: this });
            // Resolves to undefined while the load balancer has no address; the stack output is then left out.
            this.ingressAddress = this.ingressController.address as pulumi.Output<string>;
        }
        if (args.certManager ?? platformDefaults.certManager) {
            this.certManager = new CertManager(`${name}-cert-manager`, { cluster: args.cluster, acmeEmail: args.acmeEmail }, { parent: this });
        }
        if (args.dns) {
            if (!args.domain) throw new Error("Platform: webstack:dns needs webstack:domain, the domain external-dns writes records under");
            this.externalDns = new ExternalDns(`${name}-external-dns`, {
                cluster: args.cluster,
                dns: args.dns,
                domain: args.domain,
                owner: name,
            }, { parent: this });
        }
        this.registerOutputs({ ingressAddress: this.ingressAddress });
    }

    ingressDependencies(issuer: IssuerFlavour): pulumi.Resource[] {
        return [
            ...(this.ingressController ? [this.ingressController.chart] : []),
            ...(this.certManager ? [this.certManager.issuers[issuer]] : []),
        ];
    }
}
