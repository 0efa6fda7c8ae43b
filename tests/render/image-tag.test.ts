import assert from "node:assert/strict";
import { describe, it } from "node:test";
import diff from "microdiff";
import type { RecordedResource } from "../../tools/render/recorder";
import { ref, renderStack } from "../support/render";

const tagA = "1111111111111111111111111111111111111111";
const tagB = "v9.8.7";

const byRef = (x: { ref: string }, y: { ref: string }) => x.ref.localeCompare(y.ref);

/** The resource and every ancestor, as `type::name`. */
function lineage(resource: RecordedResource, byRef: Map<string, RecordedResource>): string[] {
    const out: string[] = [];
    for (let r: RecordedResource | undefined = resource; r; r = r.parent ? byRef.get(r.parent) : undefined) out.push(ref(r));
    return out;
}

/** An image reference of ours: `<repository>:<tag>` where only the tag differs between the two renders. */
function isRetaggedImage(before: unknown, after: unknown): boolean {
    return typeof before === "string" && before.endsWith(`:${tagA}`) && after === `${before.slice(0, -tagA.length)}${tagB}`;
}

describe("changing --image-tag changes only the images built here", async () => {
    const [a, b] = await Promise.all([renderStack("dev", { imageTag: tagA }), renderStack("dev", { imageTag: tagB })]);
    const byRefA = new Map(a.resources.map((r) => [ref(r), r]));

    it("registers the same resources with the same options", () => {
        const options = (r: RecordedResource) => ({ ref: ref(r), parent: r.parent, provider: r.provider, protect: r.protect, dependsOn: r.dependsOn });
        assert.deepEqual(b.resources.map(options).sort(byRef), a.resources.map(options).sort(byRef));
    });

    it("differs only in web-server image fields", () => {
        const changed: string[] = [];
        for (const after of b.resources) {
            const before = byRefA.get(ref(after));
            assert.ok(before, `${ref(after)} only in the second render`);
            for (const d of diff(before.inputs, after.inputs)) {
                const where = `${ref(after)} inputs.${d.path.join(".")}`;
                assert.ok(d.type === "CHANGE" && isRetaggedImage(d.oldValue, d.value), `${where}: not an image retag: ${JSON.stringify(d)}`);
                assert.ok(lineage(before, byRefA).some((r) => r.includes("web-server")), `${where}: an image changed outside web-server`);
                changed.push(where);
            }
        }
        // Without this the test would pass on a program that ignores the tag.
        assert.ok(changed.some((w) => w.startsWith("kubernetes:apps/v1:Deployment::")), `no Deployment image changed: ${changed.join(", ")}`);
    });

    it("third-party images keep their pinned tags", () => {
        const images = a.manifests.flatMap((m) => JSON.stringify(m).match(/"image":"[^"]+"/g) ?? []);
        assert.ok(images.some((i) => i.includes("nginx-unprivileged:1.27.4-alpine")), images.join(", "));
    });

    it("changes the imageTag output and the web-server app's image output, nothing else", () => {
        assert.equal(a.outputs.imageTag, tagA);
        assert.equal(b.outputs.imageTag, tagB);
        const outputDiffs = diff(a.outputs, b.outputs).map((d) => d.path.join("."));
        assert.deepEqual(outputDiffs.sort(), ["apps.web-server.image", "imageTag"]);
    });
});

describe("IMAGE_DIGESTS: the images built here run by the digest their build pushed", () => {
    const digest = `sha256:${"ab".repeat(32)}`;
    /** Renders with IMAGE_DIGESTS set as CI sets it. */
    const withDigests = (value: string, stack = "dev") => renderStack(stack, { imageTag: tagA, env: { IMAGE_DIGESTS: value } });
    const imageOf = (result: Awaited<ReturnType<typeof renderStack>>, app: string) =>
        (result.manifests.find((m) => (m as { kind: string; metadata: { name: string } }).kind === "Deployment" && (m as { metadata: { name: string } }).metadata.name === app) as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec.containers[0].image;

    for (const stack of ["dev", "pr-42"]) {
        it(`${stack}: web-server runs <repository>:<tag>@<digest>; nginx (not built here) keeps its pinned tag`, async () => {
            const [plain, pinned] = [await renderStack(stack, { imageTag: tagA }), await withDigests(JSON.stringify({ "web-server": digest }), stack)];
            assert.equal(imageOf(pinned, "web-server"), `${imageOf(plain, "web-server")}@${digest}`);
            assert.match(imageOf(plain, "web-server"), new RegExp(`/web-server:${tagA}$`));
            assert.equal(imageOf(pinned, "nginx"), imageOf(plain, "nginx"));
            assert.equal((pinned.outputs.apps as Record<string, { image: string }>)["web-server"].image, imageOf(pinned, "web-server"));
        });
    }

    it("every problem at once, each naming the key, before anything is registered: malformed, unknown app, not built here, missing", async () => {
        await assert.rejects(withDigests(JSON.stringify({ "web-server": "sha256:1234", nginx: digest, "web-srever": digest })), (err: Error) => {
            assert.equal(err.name, "ConfigError");
            assert.match(err.message, /IMAGE_DIGESTS\.web-server: must be sha256:<64 hex digits> \(got "sha256:1234"\)/);
            assert.match(err.message, /IMAGE_DIGESTS\.nginx: the app's image is not built at the image tag/);
            assert.match(err.message, /IMAGE_DIGESTS\.web-srever: is not an app of this stack/);
            assert.match(err.message, /\(3 problems\)/);
            return true;
        });
        await assert.rejects(withDigests("{}"), /IMAGE_DIGESTS\.web-server: is missing: the app is built at the image tag/);
        await assert.rejects(withDigests("web-server=sha256:00"), /IMAGE_DIGESTS: must be a JSON object of app name to image digest \(got "web-server=sha256:00"\)/);
    });
});
