import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/types";
import type { DnsZone } from "./dns/zone";
import { CertManager } from "./certManager";
import { appIngressAnnotations } from "./entryPoints";
import { ExternalDns } from "./externalDns";
import { ingressClassName, ingressNamespace, issuerNames, platformDefaults, type IssuerFlavour } from "./names";
import { Traefik } from "./traefik";
import { tenantWildcardCertificate, tenantWildcardSecret } from "./tenantWildcard";

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
    /**
     * Serve the tenant stacks' hosts under one wildcard certificate `*.<domain>`, issued by DNS-01 in `dns` and served
     * by Traefik as its default certificate. Needs `dns`, `domain`, the controller and cert-manager. @default false
     */
    tenantWildcard?: boolean;
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
    /**
     * The domain whose hosts one label below it the controller's default certificate covers (the shared wildcard).
     * A tenant's Ingress on such a host names no certificate of its own. @default none: every Ingress gets its own
     */
    defaultCertificateDomain?: string;
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
    /** The domain of the tenants' wildcard certificate; undefined without one. */
    readonly tenantWildcardDomain?: string;

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:platform:Platform", name, {}, opts);
        const prod = args.prod ?? false;
        const wildcard = args.tenantWildcard ? wildcardZone(args) : undefined;
        if (args.ingressController ?? platformDefaults.ingressController) {
            this.ingressController = new Traefik(`${name}-traefik`, {
                cluster: args.cluster,
                prod,
                defaultCertificateSecret: wildcard ? tenantWildcardSecret : undefined,
            }, { parent: this });
            // Resolves to undefined while the load balancer has no address; the stack output is then left out.
            this.ingressAddress = this.ingressController.address as pulumi.Output<string>;
        }
        if (args.certManager ?? platformDefaults.certManager) {
            this.certManager = new CertManager(`${name}-cert-manager`, { cluster: args.cluster, acmeEmail: args.acmeEmail, dns01: wildcard }, { parent: this });
        }
        if (wildcard) {
            tenantWildcardCertificate(`${name}-tenant-wildcard`, { domain: wildcard.domain }, {
                parent: this,
                provider: args.cluster.provider,
                dependsOn: [this.certManager!.issuers.prod, this.ingressController!.namespaceResource],
            });
            this.tenantWildcardDomain = wildcard.domain;
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

/** The zone and domain of the tenants' wildcard, which needs the whole platform. */
function wildcardZone(args: PlatformArgs): { dns: DnsZone; domain: string } {
    const missing = [
        ...(args.dns ? [] : ["webstack:dns"]),
        ...(args.domain ? [] : ["webstack:domain"]),
        ...((args.ingressController ?? platformDefaults.ingressController) ? [] : ["the ingress controller"]),
        ...((args.certManager ?? platformDefaults.certManager) ? [] : ["cert-manager"]),
    ];
    if (missing.length > 0) throw new Error(`Platform: the tenants' wildcard certificate needs ${missing.join(", ")}`);
    return { dns: args.dns!, domain: args.domain! };
}
