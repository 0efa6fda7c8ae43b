import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/**
 * The customer-managed KMS key that envelope-encrypts the cluster's Secrets in etcd (encryptionConfigKeyArn), with
 * yearly automatic rotation. Its default key policy delegates to IAM: the identity creating the cluster needs
 * kms:DescribeKey and kms:CreateGrant on it (EKS grants the cluster role use of the key). A key scheduled for
 * deletion waits 30 days in prod (7 elsewhere); prod also protects it, since losing it loses every Secret.
 */
export function secretsKey(name: string, args: { prod: boolean }, opts: pulumi.CustomResourceOptions): aws.kms.Key {
    const kept = { ...opts, protect: args.prod };
    const key = new aws.kms.Key(`${name}-secrets`, {
        description: `Envelope encryption of the Kubernetes Secrets of EKS cluster ${name}`,
        enableKeyRotation: true,
        deletionWindowInDays: args.prod ? 30 : 7,
    }, kept);
    new aws.kms.Alias(`${name}-secrets`, { name: `alias/${name}-secrets`, targetKeyId: key.keyId }, kept);
    return key;
}
