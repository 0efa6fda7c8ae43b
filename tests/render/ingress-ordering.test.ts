import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RecordedResource } from "../../tools/render/recorder";
import type { RenderResult } from "../../tools/render/render";
import { appsOnLocalRegistry, chartsOf, ofType, onEks, ref, renderStack, stackFileConfig, variant } from "../support/render";
import { kubernetesTypes as T } from "../support/types";

/**
 * On a fresh stack everything is created in one run: an Ingress must not race the controller that serves it nor
 * the ClusterIssuer its certificate comes from, and the issuers must not race cert-manager (its CRDs and webhook).
 */

const name = (r: RecordedResource) => (r.inputs.metadata as { name?: string } | undefined)?.name;
const issuerOf = (ingress: RecordedResource) => (ingress.inputs.metadata as { annotations: Record<string, string> }).annotations["cert-manager.io/cluster-issuer"];

/** dev with web-server's certificate from the prod issuer. */
function devWithProdIssuer(): Promise<RenderResult> {
    const apps = stackFileConfig("dev")["webstack:apps"] as Record<string, Record<string, unknown>>;
    const configFile = variant("dev", { "webstack:apps": { ...apps, "web-server": { ...apps["web-server"], tlsIssuer: "prod" } } });
    return renderStack("dev", { configFile });
}

/** An adopted cluster with some platform pieces of its own. */
function existing(platform: { ingressController: boolean; certManager: boolean }): Promise<RenderResult> {
    const configFile = variant("dev", {
        "webstack:cloud": "existing",
        "webstack:cluster": undefined,
        "gcp:project": undefined,
        "gcp:region": undefined,
        "webstack:kubeconfig": { secure: "v1:x" },
        "webstack:platform": platform,
        "webstack:apps": appsOnLocalRegistry("dev"),
    });
    return renderStack("dev", { configFile });
}

const withWholePlatform: [string, () => Promise<RenderResult>][] = [
    ["dev (GKE)", () => renderStack("dev")],
    ["prod (GKE)", () => renderStack("prod")],
    ["dev on EKS", () => renderStack("dev", { configFile: onEks("dev") })],
    ["prod on EKS", () => renderStack("prod", { configFile: onEks("prod") })],
    ["dev, web-server on the prod issuer", devWithProdIssuer],
    ["existing cluster, whole platform", () => existing({ ingressController: true, certManager: true })],
];

describe("ordering: Ingress → controller + its ClusterIssuer → cert-manager", () => {
    for (const [label, render] of withWholePlatform) {
        test(`${label}: every Ingress waits for the Traefik chart and for the ClusterIssuer it names, which waits for cert-manager`, async () => {
            const result = await render();
            const [traefik] = chartsOf(result, "traefik");
            const [certManager] = chartsOf(result, "cert-manager");
            const ingresses = ofType(result, T.ingress);
            assert.ok(ingresses.length > 0, "the render serves an app through an Ingress");
            for (const ingress of ingresses) {
                const issuers = ofType(result, T.clusterIssuer);
                const named = issuers.find((i) => name(i) === issuerOf(ingress));
                assert.ok(named, `${ingress.name} names a ClusterIssuer of the render (${issuerOf(ingress)})`);
                assert.ok(ingress.dependsOn.includes(ref(traefik)), `${ingress.name} waits for ${ref(traefik)}`);
                assert.ok(ingress.dependsOn.includes(ref(named)), `${ingress.name} waits for ${ref(named)}`);
                for (const other of issuers.filter((i) => i !== named)) {
                    assert.ok(!ingress.dependsOn.includes(ref(other)), `${ingress.name} does not wait for ${ref(other)}, which it does not use`);
                }
                assert.ok(named.dependsOn.includes(ref(certManager)), `${ref(named)} waits for ${ref(certManager)}`);
            }
        });
    }

    test("the prod issuer is the one waited for when an app asks for it", async () => {
        const ingress = ofType(await devWithProdIssuer(), T.ingress).find((i) => i.name === "web-server")!;
        assert.equal(issuerOf(ingress), "letsencrypt-prod");
        assert.ok(ingress.dependsOn.some((d) => d.endsWith("-letsencrypt-prod")));
        assert.ok(!ingress.dependsOn.some((d) => d.endsWith("-letsencrypt-staging")));
    });

    test("a piece the cluster brings itself is not waited for; what we install still is", async () => {
        const own = await existing({ ingressController: false, certManager: true });
        const [ingress] = ofType(own, T.ingress);
        assert.ok(!ingress.dependsOn.some((d) => d.startsWith(T.chart)), "no controller chart of ours to wait for");
        assert.ok(ingress.dependsOn.includes(ref(ofType(own, T.clusterIssuer).find((i) => name(i) === issuerOf(ingress))!)));

        const bare = await existing({ ingressController: false, certManager: false });
        const [plain] = ofType(bare, T.ingress);
        assert.ok(!plain.dependsOn.some((d) => d.startsWith(T.chart) || d.startsWith(T.clusterIssuer)), plain.dependsOn.join(", "));
    });

    test("tenant stacks wait for nothing of the shared platform, which already runs", async () => {
        for (const stack of ["dev-demo", "pr-42"]) {
            const result = await renderStack(stack);
            const ingresses = ofType(result, T.ingress);
            assert.ok(ingresses.length > 0, stack);
            for (const ingress of ingresses) {
                assert.ok(!ingress.dependsOn.some((d) => d.startsWith(T.chart) || d.startsWith(T.clusterIssuer)), `${stack}: ${ingress.dependsOn.join(", ")}`);
            }
        }
    });
});
