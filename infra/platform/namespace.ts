import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { podSecurityLabels, podSecurityVersion, type PodSecurityLevel } from "../kube/podSecurity";

/**
 * A namespace of a platform component, with a fixed name (apps and charts refer to it) and Pod Security at
 * `level`, pinned to the standard's version the app namespaces enforce. Every chart installed here runs under
 * `restricted` as of the pinned versions.
 */
export function platformNamespace(
    resourceName: string,
    name: string,
    level: PodSecurityLevel,
    opts: pulumi.CustomResourceOptions,
): k8s.core.v1.Namespace {
    return new k8s.core.v1.Namespace(resourceName, { metadata: { name, labels: podSecurityLabels(level, podSecurityVersion) } }, opts);
}
