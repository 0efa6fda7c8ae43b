import type { RecordedResource } from "./recorder";

/** Resource types that are not Kubernetes objects themselves (charts, YAML groups, kustomizations). */
const notObjects = /^kubernetes:(helm\.sh|yaml|kustomize)\//;

/** Whether a recorded resource is a typed @pulumi/kubernetes object, such as `kubernetes:apps/v1:Deployment`. */
export function isKubernetesObject(resource: RecordedResource): boolean {
    return resource.custom && /^kubernetes:[^:]+:[A-Z][A-Za-z0-9]*$/.test(resource.type) && !notObjects.test(resource.type) && !resource.type.endsWith("List");
}

/** The objects a cluster would receive, in registration order. */
export function kubernetesManifests(resources: RecordedResource[]): Record<string, unknown>[] {
    return resources.filter(isKubernetesObject).map((r) => r.inputs);
}
