// Prints what one tool needs to skip the checks .ci/lint-config/exclusions.yaml excludes.
// usage: node .ci/lint-config/flags.mjs <tool>
//   kube-score: its command-line flags, one per line
//   trivy:      an ignore file (.trivyignore.yaml format), each entry with its reason as the statement
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";

const render = {
    "kube-score": (entries) => entries.map(({ check }) => `--ignore-test=${check}`).join("\n"),
    trivy: (entries) => stringify({ misconfigurations: entries.map(({ check, reason }) => ({ id: check, statement: reason.trim() })) }),
};

const tool = process.argv[2];
const exclusions = parse(readFileSync(new URL("exclusions.yaml", import.meta.url), "utf8"));
if (!render[tool]) throw new Error(`no flags for tool ${tool}; known: ${Object.keys(render).join(", ")}`);
const entries = exclusions[tool] ?? [];
for (const { check, reason } of entries) {
    if (!check || !reason) throw new Error(`${tool}: every exclusion needs a check and a reason`);
}
console.log(render[tool](entries));
