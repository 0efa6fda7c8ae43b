import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectDir } from "../../infra/config/project";
import { consoleOutput } from "../cli/output";
import { parseCommandLine } from "../cli/parseCommandLine";
import { generatedDocs } from "./generated";

const usage = "usage: npm run docs   (writes docs/configuration.md and docs/stack.schema.json from the config schema)";

const parsed = parseCommandLine({ options: { help: { type: "boolean", short: "h" } }, strict: true }, usage, consoleOutput);
if ("exit" in parsed) {
    process.exitCode = parsed.exit;
} else {
    for (const [file, content] of Object.entries(generatedDocs())) {
        writeFileSync(join(projectDir, file), content);
        console.log(`wrote ${file}`);
    }
}
