import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ofType, one, onEks, ref, renderStack } from "../support/render";
import { kubernetesTypes as T } from "../support/types";

/** Recorded inputs are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

/**
 * An HPA on CPU reads the resource metrics API (metrics.k8s.io), which the Metrics Server serves. GKE runs it in
 * every cluster; EKS does not, and without it the HPA reports FailedGetResourceMetric and never scales.
 */
describe("every HorizontalPodAutoscaler has its metrics source", () => {
    for (const stack of ["dev", "prod"]) {
        it(`EKS ${stack}: the metrics-server add-on exists, after the nodes, before anything on the cluster's provider`, async () => {
            const result = await renderStack(stack, { configFile: onEks(stack) });
            const hpas = ofType(result, T.hpa);
            if (stack === "prod") assert.ok(hpas.length > 0, "prod's web-server autoscales");
            const addon = one(result, "aws:eks/addon:Addon", `webstack-${stack}-metrics-server`);
            assert.equal((addon.inputs as Obj).addonName, "metrics-server");
            for (const group of ofType(result, "eks:index:ManagedNodeGroup")) assert.ok(addon.dependsOn.includes(ref(group)), `waits for ${group.name}: it runs as pods`);
            const provider = one(result, "pulumi:providers:kubernetes", `webstack-${stack}`);
            assert.ok(provider.dependsOn.includes(ref(addon)), "HPAs are created once the metrics API is served");
            for (const hpa of hpas) assert.equal(hpa.provider, ref(provider));
        });
    }
});

describe("EKS core components are managed add-ons", () => {
    it("CoreDNS and kube-proxy: EKS add-ons after the node groups, before anything on the cluster's provider", async () => {
        const result = await renderStack("prod", { configFile: onEks("prod") });
        const provider = one(result, "pulumi:providers:kubernetes", "webstack-prod");
        for (const addonName of ["coredns", "kube-proxy"]) {
            const addon = one(result, "aws:eks/addon:Addon", `webstack-prod-${addonName}`);
            assert.equal((addon.inputs as Obj).addonName, addonName);
            for (const group of ofType(result, "eks:index:ManagedNodeGroup")) assert.ok(addon.dependsOn.includes(ref(group)));
            assert.ok(provider.dependsOn.includes(ref(addon)), `the apps resolve names once ${addonName} is EKS's`);
        }
    });
});
