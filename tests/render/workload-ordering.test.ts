import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RecordedResource } from "../../tools/render/recorder";
import type { RenderResult } from "../../tools/render/render";
import { ofType, ref, renderStack } from "../support/render";
import { kubernetesTypes as T } from "../support/types";

/**
 * What waits for what, from the dependency graph the program hands the engine (resources.json): a Deployment
 * created before its Namespace, Secret, ConfigMap or PVC exists gets pods that fail to start (or a create the API
 * server refuses), however the objects are named. Checked over the transitive graph, for every workload.
 */

interface PodSpec {
    volumes?: { persistentVolumeClaim?: { claimName: string }; secret?: { secretName: string }; configMap?: { name: string } }[];
    containers: { envFrom?: { secretRef?: { name: string }; configMapRef?: { name: string } }[]; env?: { valueFrom?: { secretKeyRef?: { name: string } } }[] }[];
}

const metadataOf = (r: RecordedResource) => r.inputs.metadata as { name: string; namespace?: string };

/** Every resource `from` waits for, directly or through what it waits for. */
function waitsFor(result: RenderResult, from: RecordedResource): Set<string> {
    const byRef = new Map(result.resources.map((r) => [ref(r), r]));
    const seen = new Set<string>();
    const queue = [...from.dependsOn];
    while (queue.length > 0) {
        const next = queue.pop()!;
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(...(byRef.get(next)?.dependsOn ?? []));
    }
    return seen;
}

/** The objects a Deployment's pods use, as `type` + Kubernetes name in its namespace. */
function usedObjects(deployment: RecordedResource): { type: string; name: string }[] {
    const spec = (deployment.inputs.spec as { template: { spec: PodSpec } }).template.spec;
    const containers = spec.containers;
    return [
        ...(spec.volumes ?? []).flatMap((v) => [
            ...(v.persistentVolumeClaim ? [{ type: T.pvc, name: v.persistentVolumeClaim.claimName }] : []),
            ...(v.secret ? [{ type: T.secret, name: v.secret.secretName }] : []),
            ...(v.configMap ? [{ type: T.configMap, name: v.configMap.name }] : []),
        ]),
        ...containers.flatMap((c) => (c.envFrom ?? []).flatMap((e) => [
            ...(e.secretRef ? [{ type: T.secret, name: e.secretRef.name }] : []),
            ...(e.configMapRef ? [{ type: T.configMap, name: e.configMapRef.name }] : []),
        ])),
        ...containers.flatMap((c) => (c.env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [{ type: T.secret, name: e.valueFrom.secretKeyRef.name }] : []))),
    ];
}

/** Each stack, and whether it declares its apps' namespaces (a tenant's namespace is made by trusted code before it runs). */
const stacks: [string, () => Promise<RenderResult>, boolean][] = [
    ["dev", () => renderStack("dev"), true],
    ["prod", () => renderStack("prod"), true],
    ["pr-42 (tenant)", () => renderStack("pr-42"), false],
];

describe("workloads wait for what their pods use", () => {
    for (const [label, renderIt, declaresNamespaces] of stacks) {
        test(`${label}: every Deployment waits for ${declaresNamespaces ? "its Namespace and " : ""}every Secret, ConfigMap and PVC it mounts or reads`, async () => {
            const result = await renderIt();
            const deployments = ofType(result, T.deployment);
            assert.ok(deployments.length >= 2, "no workloads rendered");
            for (const deployment of deployments) {
                const namespace = metadataOf(deployment).namespace!;
                const declared = (type: string, name: string, inNamespace = true) =>
                    ofType(result, type).find((r) => metadataOf(r).name === name && (!inNamespace || metadataOf(r).namespace === namespace));
                const waited = waitsFor(result, deployment);
                const namespaceResource = declared(T.namespace, namespace, false);
                if (declaresNamespaces) {
                    assert.ok(namespaceResource, `${deployment.name}: namespace ${namespace} is not declared`);
                    assert.ok(waited.has(ref(namespaceResource)), `${deployment.name} does not wait for its Namespace`);
                } else {
                    assert.equal(namespaceResource, undefined, `${deployment.name}: a tenant declares no namespace`);
                }
                const used = usedObjects(deployment);
                assert.ok(used.length > 0, `${deployment.name} uses no object: nothing checked`);
                for (const { type, name } of used) {
                    const object = declared(type, name);
                    assert.ok(object, `${deployment.name} uses ${type} ${name}, which the stack does not declare`);
                    assert.ok(waited.has(ref(object)), `${deployment.name} does not wait for ${type} ${name}`);
                }
            }
        });
    }
});
