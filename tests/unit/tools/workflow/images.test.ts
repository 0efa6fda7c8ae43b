import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ImageTools } from "../../../../tools/workflow/docker";
import { imageDigests, type NeededImage } from "../../../../tools/workflow/images";

const digestOf = (ref: string) => `sha256:${(ref.endsWith(":1111111") ? "a" : "b").repeat(64)}`;
const tools = { digestOf } as unknown as ImageTools;
const image = (name: string, tag: string, atImageTag: boolean): NeededImage => ({
    app: { name, context: `app/${name}`, repository: `registry/${name}`, stackRegistry: true },
    tag,
    ref: `registry/${name}:${tag}`,
    atImageTag,
});

describe("imageDigests: what a developer's pulumi up pins by digest", () => {
    it("the apps that take the stack's image tag, and no app with a tag of its own, even one equal to the image tag", () => {
        const lines: string[] = [];
        const digests = imageDigests([image("web-server", "1111111", true), image("worker", "1111111", false)], { tools, log: (l) => lines.push(l) });
        // The program refuses a digest for an app that pins its tag (parseImageDigests): it must not be sent.
        assert.deepEqual(JSON.parse(digests!), { "web-server": digestOf("registry/web-server:1111111") });
        assert.deepEqual(lines, []);
    });

    it("nothing to pin: no IMAGE_DIGESTS at all", () => {
        assert.equal(imageDigests([image("worker", "v1.2.3", false)], { tools, log: () => undefined }), undefined);
    });
});
