import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/**
 * The log group EKS writes the control-plane logs to, `/aws/eks/<cluster>/cluster`, made before the cluster with a
 * retention: otherwise EKS creates it on first use, keeping every event forever (and billing for it).
 */
export function controlPlaneLogGroup(clusterName: string, args: { retentionDays: number; prod: boolean }, opts: { parent: pulumi.Resource }): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(`${clusterName}-control-plane`, {
        name: `/aws/eks/${clusterName}/cluster`,
        retentionInDays: args.retentionDays,
    }, { ...opts, protect: args.prod });
}
