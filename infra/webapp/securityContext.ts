import type * as k8s from "@pulumi/kubernetes";
import type { RunAs } from "./props";

/** Group that owns mounted volumes (fsGroup); any non-zero id works, the container gets it as a supplementary group. */
export const volumeGroup = 10001;

/**
 * Pod-level half of the `restricted` Pod Security Standard. runAsUser/runAsGroup default to the image's:
 * nginx-unprivileged runs as uid 101 and our own images declare a numeric non-root USER; an image whose USER is
 * root or a name (redis) is given numeric ids in the app's config. With runAsNonRoot the kubelet refuses to start
 * a container whose user is root or not numeric, so such an image fails loudly instead of running as root.
 */
export function restrictedPodSecurityContext(options: { volumes: boolean; runAs?: RunAs }): k8s.types.input.core.v1.PodSecurityContext {
    const { runAsUser, runAsGroup, fsGroup } = options.runAs ?? {};
    const group = fsGroup ?? (options.volumes ? volumeGroup : undefined);
    return {
        runAsNonRoot: true,
        ...(runAsUser !== undefined ? { runAsUser } : {}),
        ...(runAsGroup !== undefined ? { runAsGroup } : {}),
        seccompProfile: { type: "RuntimeDefault" },
        // A PersistentVolume is root-owned when provisioned; the group makes it writable for the app's user.
        ...(group !== undefined ? { fsGroup: group, fsGroupChangePolicy: "OnRootMismatch" } : {}),
    };
}

/** Container-level half of the `restricted` Pod Security Standard, plus a read-only root filesystem. */
export const restrictedContainerSecurityContext: k8s.types.input.core.v1.SecurityContext = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ["ALL"] },
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    seccompProfile: { type: "RuntimeDefault" },
};
