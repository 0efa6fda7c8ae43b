// Prints one tool's command-line flags for the checks .ci/lint-config/exclusions.yaml excludes, one per line.
// usage: node .ci/lint-config/flags.mjs <tool>
import { readFileSync } from "node:fs";
import { parse } from "yaml";

const flagFor = {
    "kube-score": (check) => `--ignore-test=${check}`,
};

const tool = process.argv[2];
const exclusions = parse(readFileSync(new URL("exclusions.yaml", import.meta.url), "utf8"));
const flag = flagFor[tool];
if (!flag) throw new Error(`no flags for tool ${tool}; known: ${Object.keys(flagFor).join(", ")}`);
for (const { check, reason } of exclusions[tool] ?? []) {
    if (!check || !reason) throw new Error(`${tool}: every exclusion needs a check and a reason`);
    console.log(flag(check));
}
