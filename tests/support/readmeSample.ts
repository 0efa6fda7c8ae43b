import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { projectDir } from "../../infra/config/project";

/**
 * The YAML block that follows `<!-- sample: <name> -->` in the README, parsed: the README's samples are test
 * inputs, so they cannot drift from what the program accepts. (.ci/lint-stacks/overlay.mjs reads them the same way.)
 */
export function readmeSample(name: string): Record<string, unknown> {
    const readme = readFileSync(join(projectDir, "README.md"), "utf8");
    const marker = readme.indexOf(`<!-- sample: ${name} -->`);
    if (marker < 0) throw new Error(`README.md has no <!-- sample: ${name} --> block`);
    const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(marker));
    if (!block) throw new Error(`README.md: no yaml block after <!-- sample: ${name} -->`);
    return parse(block[1]) as Record<string, unknown>;
}
