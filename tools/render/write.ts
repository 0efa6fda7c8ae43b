import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import type { RenderResult } from "./render";

/** Writes resources.json, manifests.yaml and outputs.json into `dir`. */
export function writeRender(result: RenderResult, dir: string): string[] {
    mkdirSync(dir, { recursive: true });
    const resources = result.resources.map(({ type, name, parent, provider, protect, dependsOn, inputs, read }) => ({ type, name, parent, provider, protect, dependsOn, inputs, ...(read ? { read } : {}) }));
    const files = {
        "resources.json": `${JSON.stringify(resources, null, 2)}\n`,
        // YAML 1.1, which Kubernetes' own tooling reads (Go's yaml): a string such as "yes" or "on" is quoted there,
        // where YAML 1.2 would leave it bare and kubectl or kube-score would read a boolean.
        "manifests.yaml": result.manifests.map((m) => stringify(m, { lineWidth: 0, version: "1.1" })).join("---\n"),
        "outputs.json": `${JSON.stringify(result.outputs, null, 2)}\n`,
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return Object.keys(files).map((name) => join(dir, name));
}
