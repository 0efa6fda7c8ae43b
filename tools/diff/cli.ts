import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { consoleOutput } from "../cli/output";
import { parseCommandLine } from "../cli/parseCommandLine";
import { projectDir } from "../../infra/config/project";
import { diffStack, type DiffSide } from "./diffStack";
import { renderMarkdown } from "./markdown";

const usage =
    "usage: npm run diff -- --stack <name> --base <git-ref> [--head <git-ref>] [--format markdown|json] [--config <file>] [--image-tag <tag>]\n" +
    "  Renders the stack offline at --base and at --head (default: the working tree) and prints what changes.";

const label = (side: DiffSide) => (side.commit ? `\`${side.ref}\` (${side.commit.slice(0, 12)})` : side.ref);

async function main(): Promise<number> {
    const parsed = parseCommandLine({
        options: {
            stack: { type: "string" },
            base: { type: "string" },
            head: { type: "string" },
            format: { type: "string", default: "markdown" },
            config: { type: "string" },
            "image-tag": { type: "string" },
            help: { type: "boolean", short: "h" },
        },
        strict: true,
    }, usage, consoleOutput);
    if ("exit" in parsed) return parsed.exit;
    const { values } = parsed;
    const problems = [
        ...(values.stack ? [] : ["--stack is required"]),
        ...(values.base ? [] : ["--base is required"]),
        ...(["markdown", "json"].includes(values.format ?? "") ? [] : [`--format must be markdown or json (got ${values.format})`]),
        ...(values.config && !existsSync(values.config) ? [`--config ${values.config}: no such file`] : []),
    ];
    if (problems.length > 0 || !values.stack || !values.base) {
        console.error(`${problems.join("\n")}\n${usage}`);
        return 2;
    }
    const report = await diffStack({
        stack: values.stack,
        base: values.base,
        head: values.head,
        configFile: values.config ? resolve(values.config) : undefined,
        imageTag: values["image-tag"],
        projectDir,
        log: (message) => console.error(message),
    });
    if (values.format === "json") {
        console.log(JSON.stringify(report, null, 2));
        return 0;
    }
    const again = process.argv.slice(2).filter((arg, i, all) => arg !== "--format" && all[i - 1] !== "--format" && !arg.startsWith("--format="));
    console.log(
        renderMarkdown(report, {
            stack: report.stack,
            baseLabel: label(report.base),
            headLabel: label(report.head),
            jsonCommand: `npm run diff -- ${again.join(" ")} --format json`,
            notes: [report.base.note, report.head.note].filter((n): n is string => n !== undefined),
        }),
    );
    return 0;
}

// exitCode rather than exit(): a large report written to a pipe must be flushed first.
main().then(
    (code) => {
        process.exitCode = code;
    },
    (err: unknown) => {
        console.error(`diff failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
    },
);
