/**
 * Names the platform installs under on every cluster. Apps (IngressClass, issuers, NetworkPolicy sources) and
 * tenant stacks on the shared cluster rely on them, so they live in one place.
 */

/** IngressClass of the ingress-nginx controller; the cluster's default class. */
export const ingressClassName = "nginx";

/** Namespace of the ingress-nginx controller pods. */
export const ingressNamespace = "ingress-nginx";

/** Namespace of cert-manager; it also holds the ClusterIssuers' ACME account keys. */
export const certManagerNamespace = "cert-manager";

/** ClusterIssuer names by flavour. */
export const issuerNames = { staging: "letsencrypt-staging", prod: "letsencrypt-prod" } as const;
