import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ResolvedWebApp } from "./props";

type Volume = k8s.types.input.core.v1.Volume;
type VolumeMount = k8s.types.input.core.v1.VolumeMount;

/** The pod's volumes and the container's mounts of them, in the same order. */
export interface PodVolumes {
    volumes: Volume[];
    mounts: VolumeMount[];
}

/** What backs the app's non-scratch volumes (undefined when the app has none of that kind). */
export interface VolumeSources {
    /** ConfigMap holding `app.files`. */
    configMap?: pulumi.Input<string>;
    /** PersistentVolumeClaim for `app.volume`. */
    claim?: pulumi.Input<string>;
}

/**
 * Everything mounted into the container. The root filesystem is read-only, so /tmp and every cachePaths entry
 * get an emptyDir; `files` come read-only from the ConfigMap; `volume` from the claim.
 */
export function podVolumes(app: Pick<ResolvedWebApp, "cachePaths" | "files" | "volume">, sources: VolumeSources): PodVolumes {
    const entries: { volume: Volume; mountPath: string; readOnly?: boolean }[] = [
        { volume: { name: "tmp", emptyDir: {} }, mountPath: "/tmp" },
        ...app.cachePaths.map((path, i) => ({ volume: { name: `cache-${i + 1}`, emptyDir: {} }, mountPath: path })),
    ];
    if (app.files && sources.configMap !== undefined) {
        entries.push({ volume: { name: "files", configMap: { name: sources.configMap } }, mountPath: app.files.mountPath, readOnly: true });
    }
    if (app.volume && sources.claim !== undefined) {
        entries.push({ volume: { name: "data", persistentVolumeClaim: { claimName: sources.claim } }, mountPath: app.volume.mountPath });
    }
    return {
        volumes: entries.map((e) => e.volume),
        mounts: entries.map((e) => ({ name: e.volume.name, mountPath: e.mountPath, ...(e.readOnly ? { readOnly: true } : {}) })),
    };
}
