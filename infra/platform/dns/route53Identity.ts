import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { partitionOf } from "../../cluster/eks/iam";
import { serviceAccountRole, type OidcProvider } from "../../cluster/eks/irsa";
import type { RecordScope, ServiceAccountRef, ZoneIdentity } from "./identity";

/**
 * The least privilege on Route 53 for a controller of the one hosted zone. external-dns (scope `domain`): read the
 * records and their ownership tags, change names under the domain of the types it writes, and find the zone
 * (ListHostedZones has no resource scope). cert-manager (scope `recordSet`): read the records, change the one
 * record set, and follow that change until Route 53 has it in sync; it is given the zone's ID, so it never lists zones.
 * Normalized names are lower case without the trailing dot.
 */
export function route53Policy(args: { zone: string; region: string; scope: RecordScope }): Record<string, unknown> {
    const partition = partitionOf(args.region);
    const zoneArn = `arn:${partition}:route53:::hostedzone/${args.zone}`;
    const { scope } = args;
    if (scope.kind === "domain") {
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
                        "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": [scope.domain, `*.${scope.domain}`] },
                        "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": [...scope.types] },
                    },
                },
                { Sid: "FindTheZone", Effect: "Allow", Action: ["route53:ListHostedZones"], Resource: "*" },
            ],
        };
    }
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadTheZone", Effect: "Allow", Action: ["route53:ListResourceRecordSets"], Resource: zoneArn },
            {
                Sid: "ChangeTheOneRecordSet",
                Effect: "Allow",
                Action: ["route53:ChangeResourceRecordSets"],
                Resource: zoneArn,
                Condition: {
                    "ForAllValues:StringEquals": {
                        "route53:ChangeResourceRecordSetsNormalizedRecordNames": [scope.name],
                        "route53:ChangeResourceRecordSetsRecordTypes": [scope.type],
                    },
                },
            },
            { Sid: "FollowChanges", Effect: "Allow", Action: ["route53:GetChange"], Resource: `arn:${partition}:route53:::change/*` },
        ],
    };
}

export interface Route53IdentityArgs {
    /** Region of the cluster (ARN partition). */
    region: string;
    /** The cluster's IAM OIDC provider. */
    oidc: OidcProvider;
    /** Route 53 hosted zone ID. */
    zone: string;
    /** What it may change (route53Policy). */
    scope: RecordScope;
    /** The Kubernetes ServiceAccount of the controller. */
    serviceAccount: ServiceAccountRef;
}

/** A controller's identity on EKS: an IRSA role only its ServiceAccount can assume, with route53Policy inline. */
export function route53Identity(name: string, args: Route53IdentityArgs, opts: pulumi.CustomResourceOptions): ZoneIdentity {
    const { role } = serviceAccountRole(name, { oidc: args.oidc, serviceAccount: args.serviceAccount, policyArns: [] }, opts);
    const policy = new aws.iam.RolePolicy(`${name}-route53`, {
        role: role.name,
        policy: JSON.stringify(route53Policy(args)),
    }, opts);
    return {
        serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": role.arn },
        grants: [policy],
    };
}
