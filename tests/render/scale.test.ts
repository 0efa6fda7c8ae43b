import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { kubeClientDefaults } from "../../infra/kube/kubeClient";
import type { RecordedResource } from "../../tools/render/recorder";
import type { RenderResult } from "../../tools/render/render";
import { onEks, ofType, ref, renderStack, stackFileConfig, variant } from "../support/render";
import { kubernetesTypes as T } from "../support/types";

/**
 * What keeps a stack of many apps from waiting in line (docs/performance.md): the provider's client limits, no
 * ClusterIP Service holding an engine slot for its ten-second await, and no app waiting for another app.
 */

/** A provider's object-valued inputs reach the engine as JSON text. */
const clientSettings = (p: RecordedResource) => {
    const value = p.inputs.kubeClientSettings;
    return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
};

const devApps = stackFileConfig("dev")["webstack:apps"] as Record<string, Record<string, unknown>>;
/** Twelve copies of nginx, internal, in one namespace, on an adopted cluster: the bench's stacks, smaller. */
const manyApps = variant("dev", {
    "webstack:cloud": "existing",
    "webstack:cluster": undefined,
    "webstack:platform": { ingressController: false, certManager: false },
    "webstack:existing": { loadBalancerAddresses: true },
    "webstack:webServerToken": undefined,
    "webstack:apps": Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`app-${i}`, { ...devApps.nginx, expose: "internal", replicas: 1, namespace: "many" }])),
});

const renders = [
    ["gke dev", () => renderStack("dev")],
    ["eks dev", () => renderStack("dev", { configFile: onEks("dev") })],
    ["tenant pr-42", () => renderStack("pr-42")],
    ["12 apps", () => renderStack("dev", { configFile: manyApps })],
] as const;

const annotationsOf = (r: RecordedResource) => ((r.inputs.metadata as { annotations?: Record<string, string> }).annotations ?? {});

describe("a stack of many apps", () => {
    for (const [label, render] of renders) {
        it(`${label}: every Kubernetes provider gets the client limits`, async () => {
            const providers = ofType(await render(), T.provider);
            assert.ok(providers.length > 0);
            for (const p of providers) assert.deepEqual(clientSettings(p), { ...kubeClientDefaults }, ref(p));
        });

        it(`${label}: ClusterIP Services are not awaited, LoadBalancer Services are where the cloud gives addresses`, async () => {
            const services = ofType(await render(), T.service);
            assert.ok(services.length > 0);
            for (const s of services) {
                const type = (s.inputs.spec as { type: string }).type;
                const skipped = annotationsOf(s)["pulumi.com/skipAwait"] === "true";
                assert.equal(skipped, type === "ClusterIP", `${ref(s)} (${type})`);
            }
        });
    }

    it("takes the stack's own client limits, an unset one from the defaults", async () => {
        const result = await renderStack("dev", { configFile: variant("dev", { "webstack:kubeClient": { qps: 25 } }) });
        for (const p of ofType(result, T.provider)) assert.deepEqual(clientSettings(p), { qps: 25, burst: kubeClientDefaults.burst }, ref(p));
    });

    it("no app's objects wait for another app's: only for their namespace, their own objects and the provider", async () => {
        const result: RenderResult = await renderStack("dev", { configFile: manyApps });
        const appOf = new Map(result.resources.map((r) => [ref(r), r.parent?.startsWith("webstack:app:WebApp::") ? r.parent : undefined]));
        const objects = result.resources.filter((r) => appOf.get(ref(r)));
        assert.equal(objects.length, 12 * 4, "ConfigMap, Deployment, Service and NetworkPolicy per app");
        for (const r of objects) {
            const others = r.dependsOn.filter((d) => appOf.get(d) !== undefined && appOf.get(d) !== appOf.get(ref(r)));
            assert.deepEqual(others, [], ref(r));
            const outside = r.dependsOn.filter((d) => appOf.get(d) === undefined && !d.startsWith(`${T.namespace}::`));
            assert.deepEqual(outside, [], ref(r));
        }
    });
});
