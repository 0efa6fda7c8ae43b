import { failureText } from "../cli/failure";
import { consoleOutput } from "../cli/output";
import { parseCommandLine } from "../cli/parseCommandLine";
import { render } from "./render";
import { writeRender } from "./write";

const usage = "usage: npm run render -- --stack <name> [--config <file>] [--out <dir>] [--image-tag <tag>]";

async function main(): Promise<number> {
    const parsed = parseCommandLine({
        options: {
            stack: { type: "string" },
            config: { type: "string" },
            out: { type: "string" },
            "image-tag": { type: "string" },
            organization: { type: "string" },
            help: { type: "boolean", short: "h" },
        },
        strict: true,
    }, usage, consoleOutput);
    if ("exit" in parsed) return parsed.exit;
    const { values } = parsed;
    if (!values.stack) {
        console.error(`--stack is required\n${usage}`);
        return 2;
    }
    const out = values.out ?? `out/${values.stack}`;
    try {
        const result = await render({ stack: values.stack, configFile: values.config, imageTag: values["image-tag"], organization: values.organization });
        const files = writeRender(result, out);
        console.log(`rendered stack ${values.stack} (config: ${result.configSource}): ${result.resources.length} resources, ${result.manifests.length} Kubernetes objects`);
        for (const file of files) console.log(`  wrote ${file}`);
        return 0;
    } catch (err) {
        console.error(failureText("render", err));
        return 1;
    }
}

main().then(
    (code) => process.exit(code),
    (err: unknown) => {
        console.error(err);
        process.exit(1);
    },
);
