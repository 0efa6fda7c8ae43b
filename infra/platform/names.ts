/**
 * Names the platform installs under on every cluster, and the pieces it installs by default. Apps (IngressClass,
 * issuers, NetworkPolicy sources) and tenant stacks on the shared cluster rely on them, so they live in one place.
 */

/** IngressClass of the Traefik controller; the cluster's default class. */
export const ingressClassName = "traefik";

/** Namespace of the Traefik controller pods (and of its LoadBalancer Service, also named `traefik`). */
export const ingressNamespace = "traefik";

/** Namespace of cert-manager; it also holds the ClusterIssuers' ACME account keys. */
export const certManagerNamespace = "cert-manager";

/** Namespace of external-dns (installed only with `webstack:dns`). */
export const externalDnsNamespace = "external-dns";

/** The pieces a Platform installs unless told otherwise. */
export const platformDefaults = { ingressController: true, certManager: true } as const;

/** ClusterIssuer names by flavour. */
export const issuerNames = { staging: "letsencrypt-staging", prod: "letsencrypt-prod" } as const;

/** A ClusterIssuer flavour: `staging` or `prod`. */
export type IssuerFlavour = keyof typeof issuerNames;
