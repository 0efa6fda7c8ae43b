import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { wildcardDnsNames } from "./clusterIssuers";
import { ingressNamespace, issuerNames } from "./names";

/** The Secret in Traefik's namespace holding the tenants' wildcard certificate: its default TLS store serves it. */
export const tenantWildcardSecret = "tenant-wildcard-tls";

/**
 * One certificate for every tenant host `<app>-<stack>.<domain>`: `*.<domain>` from letsencrypt-prod by DNS-01, in
 * Traefik's namespace, where Traefik serves it as the default certificate to every Ingress that names none of its own
 * (tenants' Ingresses, which so never hold the key). `up` waits until it is issued, so a tenant's URLs are trusted from
 * its first deploy; a DNS-01 that cannot succeed (zone not delegated, identity refused) fails here, not in a browser.
 */
export function tenantWildcardCertificate(name: string, args: { domain: string }, opts: pulumi.CustomResourceOptions): k8s.apiextensions.CustomResource {
    return new k8s.apiextensions.CustomResource(name, {
        apiVersion: "cert-manager.io/v1",
        kind: "Certificate",
        metadata: {
            name: "tenant-wildcard",
            namespace: ingressNamespace,
            annotations: { "pulumi.com/waitFor": "condition=Ready" },
        },
        spec: {
            secretName: tenantWildcardSecret,
            dnsNames: wildcardDnsNames(args.domain),
            issuerRef: { kind: "ClusterIssuer", name: issuerNames.prod },
            privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
        },
    }, opts);
}
