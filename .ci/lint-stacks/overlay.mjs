// Writes a stack file: Pulumi.<base>.yaml with an overlay's config keys set on top (null removes a key), and
// with the apps of an example (`apps: examples/<name>.apps.yaml`) merged into webstack:apps.
// Prints the base stack's name, which the render runs as.
// usage: node .ci/lint-stacks/overlay.mjs <overlay.yaml> <out.yaml>
import { readFileSync, writeFileSync } from "node:fs";
import { parse, parseDocument } from "yaml";

const [overlayFile, outFile] = process.argv.slice(2);
const overlay = parse(readFileSync(overlayFile, "utf8"));
const base = parseDocument(readFileSync(`Pulumi.${overlay.base}.yaml`, "utf8"));
for (const [key, value] of Object.entries(overlay.config ?? {})) {
    if (value === null) base.deleteIn(["config", key]);
    else base.setIn(["config", key], value);
}
if (overlay.apps) {
    for (const [app, value] of Object.entries(parse(readFileSync(overlay.apps, "utf8")))) base.setIn(["config", "webstack:apps", app], value);
}
writeFileSync(outFile, String(base));
console.log(overlay.base);
