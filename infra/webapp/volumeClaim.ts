import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ResolvedVolume } from "./props";
import { objectMeta, type AppMeta } from "./labels";

export interface VolumeClaimProps {
    volume: ResolvedVolume;
    /** StorageClass when the volume names none; undefined: the cluster's default class. */
    defaultStorageClass?: string;
    /** Prod: the claim is protected and kept in the cluster when removed from the program. Default false. */
    prod?: boolean;
}

/** The app's PersistentVolumeClaim, `<app>-data`. */
export function volumeClaim(meta: AppMeta, props: VolumeClaimProps, opts: pulumi.CustomResourceOptions): k8s.core.v1.PersistentVolumeClaim {
    const storageClassName = props.volume.storageClass ?? props.defaultStorageClass;
    return new k8s.core.v1.PersistentVolumeClaim(`${meta.name}-data`, {
        metadata: objectMeta(meta, {
            name: `${meta.name}-data`,
            // WaitForFirstConsumer classes (GKE and EKS defaults) keep a claim Pending until a pod uses it; awaiting
            // Bound would wait for the Deployment that waits for this claim (pulumi-kubernetes#895). The
            // Deployment only needs the claim to exist; the scheduler binds it with the first pod.
            annotations: { "pulumi.com/skipAwait": "true" },
        }),
        spec: {
            ...(storageClassName ? { storageClassName } : {}),
            accessModes: [props.volume.accessMode],
            resources: { requests: { storage: props.volume.size } },
        },
    }, { ...opts, ...(props.prod ? { protect: true, retainOnDelete: true } : {}) });
}
