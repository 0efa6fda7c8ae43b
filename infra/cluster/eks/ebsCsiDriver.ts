import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { managedPolicyArn } from "./iam";
import { serviceAccountRole, type OidcProvider } from "./irsa";

/** The service account the add-on's controller runs as; the IRSA role trusts exactly this one. */
export const ebsCsiControllerServiceAccount = { namespace: "kube-system", name: "ebs-csi-controller-sa" };

export interface EbsCsiDriverArgs {
    /** EKS cluster name. */
    clusterName: pulumi.Input<string>;
    /** The cluster's OIDC provider, which the controller's role trusts. */
    oidc: OidcProvider;
    /** Region of the cluster (for the partition of the managed policy ARN). */
    region: string;
    /** Tags every volume the driver provisions gets besides its own (the backup selection's). @default none */
    volumeTags?: Record<string, string>;
    /** The add-on only becomes ACTIVE once its controller pods run: create it after the nodes. */
    nodeGroups: pulumi.Resource[];
}

/**
 * The `aws-ebs-csi-driver` EKS add-on, without which PVCs stay Pending on EKS. Its controller gets AWS
 * access through its own IRSA role with only AmazonEBSCSIDriverPolicy, not through the node role.
 * The add-on version is EKS's default for the cluster's Kubernetes version.
 */
export function ebsCsiDriver(name: string, args: EbsCsiDriverArgs, opts: { parent: pulumi.Resource }): aws.eks.Addon {
    const role = serviceAccountRole(
        `${name}-ebs-csi-driver`,
        {
            oidc: args.oidc,
            serviceAccount: ebsCsiControllerServiceAccount,
            policyArns: [managedPolicyArn(args.region, "service-role/AmazonEBSCSIDriverPolicy")],
        },
        opts,
    );
    return new aws.eks.Addon(
        `${name}-ebs-csi-driver`,
        {
            clusterName: args.clusterName,
            addonName: "aws-ebs-csi-driver",
            serviceAccountRoleArn: role.role.arn,
            configurationValues: args.volumeTags ? JSON.stringify({ controller: { extraVolumeTags: args.volumeTags } }) : undefined,
            // Take over what a self-installed driver left behind instead of failing on it.
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
        },
        { ...opts, dependsOn: [...args.nodeGroups, ...role.attachments] },
    );
}
