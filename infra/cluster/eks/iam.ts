import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The AWS partition of a region: `aws`, `aws-cn` (China) or `aws-us-gov` (GovCloud). */
export function partitionOf(region: string): string {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    return "aws";
}

/** ARN of an AWS-managed IAM policy, e.g. `AmazonEKSWorkerNodePolicy` or `service-role/AmazonEBSCSIDriverPolicy`. */
export function managedPolicyArn(region: string, policy: string): string {
    return `arn:${partitionOf(region)}:iam::aws:policy/${policy}`;
}

/** Trust policy letting an AWS service (e.g. `ec2.amazonaws.com`) assume the role. */
export function serviceTrustPolicy(service: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
    });
}

export interface RoleWithPolicies {
    role: aws.iam.Role;
    /** One attachment per policy; whatever needs the permissions should wait for these, not just the role. */
    attachments: aws.iam.RolePolicyAttachment[];
}

/**
 * An IAM role with exactly the given managed policies attached, nothing inline. Resource names are
 * `<name>` for the role and `<name>-<policy name>` for each attachment.
 */
export function roleWithPolicies(
    name: string,
    args: { assumeRolePolicy: pulumi.Input<string>; policyArns: string[]; description: string },
    opts: pulumi.CustomResourceOptions,
): RoleWithPolicies {
    const role = new aws.iam.Role(name, { assumeRolePolicy: args.assumeRolePolicy, description: args.description }, opts);
    const attachments = args.policyArns.map(
        (policyArn) =>
            new aws.iam.RolePolicyAttachment(`${name}-${policyArn.split("/").pop()}`, { role: role.name, policyArn }, opts),
    );
    return { role, attachments };
}
