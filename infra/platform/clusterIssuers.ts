import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { ingressClassName, issuerNames } from "./names";

/** Let's Encrypt ACME directories by issuer flavour. */
export const acmeServers: Record<keyof typeof issuerNames, string> = {
    staging: "https://acme-staging-v02.api.letsencrypt.org/directory",
    prod: "https://acme-v02.api.letsencrypt.org/directory",
};

export interface LetsEncryptIssuersArgs {
    /** ACME account e-mail; the account is registered without one when unset. */
    email?: string;
}

/**
 * The `letsencrypt-staging` and `letsencrypt-prod` ClusterIssuers, solving HTTP-01 challenges through the nginx
 * IngressClass. `opts.dependsOn` must hold the cert-manager chart: the ClusterIssuer CRD and the webhook that
 * admits issuers exist only once it is ready (pulumi-kubernetes#3176).
 */
export function letsEncryptIssuers(
    resourceName: string,
    args: LetsEncryptIssuersArgs,
    opts: pulumi.CustomResourceOptions,
): k8s.apiextensions.CustomResource[] {
    return (Object.keys(issuerNames) as (keyof typeof issuerNames)[]).map((flavour) => {
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
                    solvers: [{ http01: { ingress: { ingressClassName } } }],
                },
            },
        }, opts);
    });
}
