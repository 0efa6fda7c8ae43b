import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { acmeSolverIngressAnnotations } from "./entryPoints";
import { ingressClassName, issuerNames, type IssuerFlavour } from "./names";

/** Let's Encrypt ACME directories by issuer flavour. */
export const acmeServers: Record<IssuerFlavour, string> = {
    staging: "https://acme-staging-v02.api.letsencrypt.org/directory",
    prod: "https://acme-v02.api.letsencrypt.org/directory",
};

export interface LetsEncryptIssuersArgs {
    /** ACME account e-mail; the account is registered without one when unset. */
    email?: string;
    /**
     * The shared wildcard `*.<domain>` of the tenants: `letsencrypt-prod` answers its DNS-01 challenge through this
     * solver (dns01.ts), every other name by HTTP-01 as before. @default none: HTTP-01 only
     */
    wildcard?: { domain: string; solver: Record<string, unknown> };
}

/** The names only DNS-01 can prove: a wildcard (and the domain itself, which shares its challenge record). */
export const wildcardDnsNames = (domain: string) => [`*.${domain}`, domain];

/**
 * The `letsencrypt-staging` and `letsencrypt-prod` ClusterIssuers, solving HTTP-01 challenges through the
 * `traefik` IngressClass, the solver Ingresses on Traefik's plain-HTTP entry point (the one exception to its
 * HTTPS redirect). With `wildcard`, `letsencrypt-prod` also solves DNS-01 for the wildcard's names (a solver's
 * dnsNames selector wins over the unselected one). `opts.dependsOn` must hold the cert-manager chart: the ClusterIssuer CRD and the webhook that
 * admits issuers exist only once it is ready (pulumi-kubernetes#3176).
 */
export function letsEncryptIssuers(
    resourceName: string,
    args: LetsEncryptIssuersArgs,
    opts: pulumi.CustomResourceOptions,
): Record<IssuerFlavour, k8s.apiextensions.CustomResource> {
    const issuer = (flavour: IssuerFlavour) => {
        const name = issuerNames[flavour];
        return new k8s.apiextensions.CustomResource(`${resourceName}-${name}`, {
            apiVersion: "cert-manager.io/v1",
            kind: "ClusterIssuer",
            metadata: { name },
            spec: {
                acme: {
                    server: acmeServers[flavour],
                    ...(args.email === undefined ? {} : { email: args.email }),
                    privateKeySecretRef: { name: `${name}-account-key` },
                    solvers: [
                        ...(flavour === "prod" && args.wildcard ? [{ selector: { dnsNames: wildcardDnsNames(args.wildcard.domain) }, dns01: args.wildcard.solver }] : []),
                        {
                            http01: {
                                ingress: { ingressClassName, ingressTemplate: { metadata: { annotations: acmeSolverIngressAnnotations } } },
                            },
                        },
                    ],
                },
            },
        }, opts);
    };
    return { staging: issuer("staging"), prod: issuer("prod") };
}
