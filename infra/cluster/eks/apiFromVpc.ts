import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { vpcCidr } from "./network";

/**
 * Lets clients inside the cluster's VPC (self-hosted deploy runners, cluster.deployFromVpc) reach the API on its
 * private endpoint: HTTPS from the VPC's range on the cluster security group, which the endpoint's network interfaces
 * carry. Inside the VPC the endpoint's name resolves to those private addresses.
 */
export function apiFromVpc(name: string, args: { clusterSecurityGroupId: pulumi.Input<string> }, opts: pulumi.CustomResourceOptions): aws.ec2.SecurityGroupRule {
    return new aws.ec2.SecurityGroupRule(`${name}-api-from-vpc`, {
        type: "ingress",
        description: "Kubernetes API from runners inside the VPC (deployFromVpc)",
        securityGroupId: args.clusterSecurityGroupId,
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrBlocks: [vpcCidr],
    }, opts);
}
