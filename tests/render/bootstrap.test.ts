import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ofType, onEks, renderStack } from "../support/render";
import { kubernetesTypes as T } from "../support/types";

/** Recorded inputs are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const bootstrap = { env: { WEBSTACK_BOOTSTRAP: "true", IMAGE_DIGESTS: "" } };
const kubernetesNamed = (result: Awaited<ReturnType<typeof renderStack>>, app: string) =>
    result.resources.filter((r) => r.type.startsWith("kubernetes:") && (r.inputs as Obj).metadata?.name === app);

/**
 * A new stack's registry is created by its own first `up`, so the images built here cannot be in it yet: a full
 * first up would wait on ImagePullBackOff until the Deployment's await times out. The bootstrap up leaves those
 * apps out and creates everything they need, so the next (full) up finds their images.
 */
describe("a bootstrap up (WEBSTACK_BOOTSTRAP) creates the registry and leaves the apps built here out", () => {
    for (const [label, stack, configFile] of [["GKE dev", "dev", undefined], ["EKS prod", "prod", onEks("prod")]] as const) {
        it(`${label}: no object of web-server (built here); nginx (a public image) and the registry are there`, async () => {
            const full = await renderStack(stack, { configFile });
            const first = await renderStack(stack, { configFile, ...bootstrap });
            assert.ok(kubernetesNamed(full, "web-server").some((r) => r.type === T.deployment), "the full up deploys web-server");
            assert.deepEqual(kubernetesNamed(first, "web-server").map((r) => r.type), [], "nothing of web-server waits for its image");
            assert.ok(kubernetesNamed(first, "nginx").some((r) => r.type === T.deployment), "apps from public images are deployed at once");
            const registries = (r: typeof full) => r.resources.filter((x) => x.type === "gcp:artifactregistry/repository:Repository" || x.type === "aws:ecr/repository:Repository").map((x) => x.name);
            assert.deepEqual(registries(first), registries(full), "every registry the builds push to exists after the bootstrap up");
            assert.ok(registries(first).length > 0);
            assert.equal(typeof first.outputs.registry, "string", "CI's builds read the registry output");
            assert.deepEqual(Object.keys(first.outputs.apps as Obj).sort(), ["nginx"]);
            assert.deepEqual(ofType(first, T.namespace).map((n) => n.name), ofType(full, T.namespace).map((n) => n.name), "the platform and namespaces are all there");
        });
    }

    it("bad values are config errors naming the variable, before anything is registered", async () => {
        await assert.rejects(renderStack("dev", { env: { WEBSTACK_BOOTSTRAP: "yes" } }), /WEBSTACK_BOOTSTRAP: must be true or unset \(got "yes"\)/);
        await assert.rejects(renderStack("dev", { env: { WEBSTACK_BOOTSTRAP: "true", IMAGE_DIGESTS: JSON.stringify({ "web-server": `sha256:${"a".repeat(64)}` }) } }), /IMAGE_DIGESTS must be unset/);
    });
});
