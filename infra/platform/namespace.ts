import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** Pod Security Standard enforced, audited and warned about in a namespace. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

/** The `pod-security.kubernetes.io/*` labels that enforce `level` (and audit and warn at the same level). */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
    return Object.fromEntries(["enforce", "audit", "warn"].map((mode) => [`pod-security.kubernetes.io/${mode}`, level]));
}

/**
 * A namespace of a platform component, with a fixed name (apps and charts refer to it) and Pod Security at
 * `level`. Every chart installed here runs under `restricted` as of the pinned versions.
 */
export function platformNamespace(
    resourceName: string,
    name: string,
    level: PodSecurityLevel,
    opts: pulumi.CustomResourceOptions,
): k8s.core.v1.Namespace {
    return new k8s.core.v1.Namespace(resourceName, { metadata: { name, labels: podSecurityLabels(level) } }, opts);
}
