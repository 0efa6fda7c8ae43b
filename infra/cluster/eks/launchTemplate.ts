import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Instance metadata of a node: IMDSv2 only (a session token is required), and a token response that travels one
 * network hop. The hop from a pod's network namespace to the node is a second one, so pods get no token and cannot
 * read the node role's credentials; host-network agents (aws-node, kube-proxy) still can.
 */
export const nodeMetadataOptions = {
    httpEndpoint: "enabled",
    httpTokens: "required",
    httpPutResponseHopLimit: 1,
    instanceMetadataTags: "disabled",
} as const;

/** The root volume of the EKS-optimized AMIs (Amazon Linux 2023), where images and pod data live. */
export const nodeRootDevice = "/dev/xvda";

/**
 * The launch template of a managed node group: metadata locked down (nodeMetadataOptions) and the root volume, an
 * encrypted gp3 disk of `diskSizeGb`. It names no AMI and no user data, so EKS still picks its optimized AMI and
 * bootstraps the node itself.
 */
export function nodeLaunchTemplate(name: string, args: { diskSizeGb: number }, opts: pulumi.CustomResourceOptions): aws.ec2.LaunchTemplate {
    return new aws.ec2.LaunchTemplate(name, {
        description: `Nodes of ${name}: IMDSv2 with hop limit 1, encrypted gp3 root volume`,
        metadataOptions: nodeMetadataOptions,
        blockDeviceMappings: [{
            deviceName: nodeRootDevice,
            ebs: { volumeSize: args.diskSizeGb, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
        }],
        updateDefaultVersion: true,
    }, opts);
}
