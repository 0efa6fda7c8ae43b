// One measurement in a fresh process: prints the milliseconds from process start to the end of the task.
import { performance } from "node:perf_hooks";

const [task, arg] = process.argv.slice(2);

/** The npm packages under @pulumi/ that are loaded in this process right now. */
function loadedPulumiPackages(): string[] {
    const names = Object.keys(require.cache).flatMap((file) => /node_modules\/(@pulumi\/[^/]+)\//.exec(file)?.[1] ?? []);
    return [...new Set(names)].sort();
}

async function main(): Promise<void> {
    switch (task) {
        case "sdk":
            // The floor: exactly the Pulumi SDK packages the entry loads (arg: comma-separated), nothing else.
            for (const mod of arg.split(",")) require(mod);
            break;
        case "entry":
            require("../../stacks/main.js");
            break;
        case "entry-packages":
            require("../../stacks/main.js");
            process.stdout.write(`${loadedPulumiPackages().join(",")}\n`);
            return;
        case "render": {
            const { render } = await import("../render/render");
            const [stack, configFile] = arg.split("=");
            await render({ stack, configFile: configFile || undefined, imageTag: "0123456789abcdef0123456789abcdef01234567" });
            break;
        }
        default:
            throw new Error(`unknown task ${task}`);
    }
    process.stdout.write(`${performance.now().toFixed(1)}\n`);
}

main().then(() => process.exit(0), (err: unknown) => {
    console.error(err);
    process.exit(1);
});
