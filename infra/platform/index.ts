import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/types";

export interface PlatformArgs {
    /** The cluster to install into; every resource uses its provider. */
    cluster: Cluster;
    /** Prod: controller replicas 2 with a PodDisruptionBudget. */
    prod: boolean;
    /** Let's Encrypt account e-mail; required when certManager is on. */
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
    ingressAddress?: pulumi.Output<string>;
}

/** STUB: ingress-nginx, cert-manager and the ClusterIssuers (being implemented). */
export class Platform extends pulumi.ComponentResource implements PlatformInfo {
    readonly ingressClassName = "nginx";
    readonly ingressNamespace = "ingress-nginx";
    readonly issuers = { staging: "letsencrypt-staging", prod: "letsencrypt-prod" };
    readonly ingressAddress?: pulumi.Output<string>;

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:platform:Platform", name, {}, opts);
        void args;
        this.registerOutputs({});
    }
}
