// Writes a stack file: Pulumi.<base>.yaml with an overlay's config keys set on top (null removes a key).
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
writeFileSync(outFile, String(base));
