import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { partitionOf } from "../../cluster/eks/iam";
import { serviceAccountRole, type OidcProvider } from "../../cluster/eks/irsa";
import type { DnsIdentity, ServiceAccountRef } from "./identity";

/** Record types external-dns writes for Ingresses: A/AAAA (alias to the NLB), CNAME, and its TXT ownership records. */
export const route53RecordTypes = ["A", "AAAA", "CNAME", "TXT"] as const;

/**
 * The least privilege external-dns needs on Route 53: read and change records of the one hosted zone, changes
 * limited to names under `domain` and to the record types it writes, and listing zones (which has no resource
 * scope) to find it.
 */
export function route53Policy(args: { zone: string; domain: string; region: string }): Record<string, unknown> {
    const zoneArn = `arn:${partitionOf(args.region)}:route53:::hostedzone/${args.zone}`;
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadTheZone", Effect: "Allow", Action: ["route53:ListResourceRecordSets", "route53:ListTagsForResources"], Resource: zoneArn },
            {
                Sid: "ChangeRecordsUnderTheDomain",
                Effect: "Allow",
                Action: ["route53:ChangeResourceRecordSets"],
                Resource: zoneArn,
                Condition: {
                    // Normalized names are lower case without the trailing dot.
                    "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": [args.domain, `*.${args.domain}`] },
                    "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": [...route53RecordTypes] },
                },
            },
            { Sid: "FindTheZone", Effect: "Allow", Action: ["route53:ListHostedZones"], Resource: "*" },
        ],
    };
}

export interface Route53IdentityArgs {
    /** Region of the cluster (ARN partition, and the SDK's region). */
    region: string;
    /** The cluster's IAM OIDC provider. */
    oidc: OidcProvider;
    /** Route 53 hosted zone ID. */
    zone: string;
    /** Records may only be written under this domain. */
    domain: string;
    /** The Kubernetes ServiceAccount of external-dns. */
    serviceAccount: ServiceAccountRef;
}

/** external-dns's identity on EKS: an IRSA role only its ServiceAccount can assume, with route53Policy inline. */
export function route53Identity(name: string, args: Route53IdentityArgs, opts: pulumi.CustomResourceOptions): DnsIdentity {
    const { role } = serviceAccountRole(name, { oidc: args.oidc, serviceAccount: args.serviceAccount, policyArns: [] }, opts);
    const policy = new aws.iam.RolePolicy(`${name}-route53`, {
        role: role.name,
        policy: JSON.stringify(route53Policy(args)),
    }, opts);
    return {
        provider: "aws",
        serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": role.arn },
        args: ["--aws-zone-type=public"],
        env: [{ name: "AWS_DEFAULT_REGION", value: args.region }],
        grants: [policy],
    };
}
