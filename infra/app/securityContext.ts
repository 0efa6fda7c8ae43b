import type * as k8s from "@pulumi/kubernetes";

/** Group that owns mounted volumes (fsGroup); any non-zero id works, the container gets it as a supplementary group. */
export const volumeGroup = 10001;

/**
 * Pod-level half of the `restricted` Pod Security Standard. runAsUser/runAsGroup are deliberately left to the
 * image: nginx-unprivileged runs as uid 101 and our own images declare a numeric non-root USER. With
 * runAsNonRoot the kubelet refuses to start an image whose user is root or not numeric, so an image that would
 * run as root fails loudly instead of being forced to a uid it may not own its files as.
 */
export function restrictedPodSecurityContext(options: { volumes: boolean }): k8s.types.input.core.v1.PodSecurityContext {
    return {
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
        // A PersistentVolume is root-owned when provisioned; the group makes it writable for the image's user.
        ...(options.volumes ? { fsGroup: volumeGroup, fsGroupChangePolicy: "OnRootMismatch" } : {}),
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
