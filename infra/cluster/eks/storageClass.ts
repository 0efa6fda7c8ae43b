import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** Name of the default StorageClass on EKS clusters. */
export const gp3StorageClassName = "gp3";

/**
 * The cluster's default StorageClass: encrypted gp3 EBS volumes from the EBS CSI driver, bound where the
 * consuming pod is scheduled (an EBS volume lives in one zone), expandable in place. Prod retains the volume
 * when its PVC is deleted; dev deletes it.
 */
export function gp3StorageClass(name: string, args: { prod: boolean }, opts: pulumi.CustomResourceOptions): k8s.storage.v1.StorageClass {
    return new k8s.storage.v1.StorageClass(
        name,
        {
            metadata: {
                name: gp3StorageClassName,
                annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
            },
            provisioner: "ebs.csi.aws.com",
            parameters: { type: "gp3", encrypted: "true" },
            volumeBindingMode: "WaitForFirstConsumer",
            allowVolumeExpansion: true,
            reclaimPolicy: args.prod ? "Retain" : "Delete",
        },
        opts,
    );
}
