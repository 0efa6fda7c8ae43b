import * as pulumi from "@pulumi/pulumi";
import { roleWithPolicies, type RoleWithPolicies } from "./iam";

/** The cluster's IAM OIDC identity provider, as eks.Cluster exposes it. */
export interface OidcProvider {
    /** `arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>`. */
    arn: pulumi.Input<string>;
    /** The issuer without `https://` (`oidc.eks.<region>.amazonaws.com/id/<id>`): the prefix of the condition keys. */
    issuer: pulumi.Input<string>;
}

export interface ServiceAccountRef {
    namespace: string;
    name: string;
}

/**
 * Trust policy for IAM roles for service accounts (IRSA): only the named Kubernetes service account, with a
 * token minted for STS, can assume the role through the cluster's OIDC provider.
 */
export function serviceAccountTrustPolicy(oidc: OidcProvider, serviceAccount: ServiceAccountRef): pulumi.Output<string> {
    return pulumi.all([oidc.arn, oidc.issuer]).apply(([arn, issuer]) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Federated: arn },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: {
                            [`${issuer}:sub`]: `system:serviceaccount:${serviceAccount.namespace}:${serviceAccount.name}`,
                            [`${issuer}:aud`]: "sts.amazonaws.com",
                        },
                    },
                },
            ],
        }),
    );
}

/** An IAM role that only the given service account can assume (IRSA), with the given managed policies. */
export function serviceAccountRole(
    name: string,
    args: { oidc: OidcProvider; serviceAccount: ServiceAccountRef; policyArns: string[] },
    opts: pulumi.CustomResourceOptions,
): RoleWithPolicies {
    const { namespace, name: account } = args.serviceAccount;
    return roleWithPolicies(
        name,
        {
            assumeRolePolicy: serviceAccountTrustPolicy(args.oidc, args.serviceAccount),
            policyArns: args.policyArns,
            description: `IRSA role of service account ${namespace}/${account}`,
        },
        opts,
    );
}
