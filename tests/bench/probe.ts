// One measurement in a fresh process: prints the milliseconds from process start to the end of the task.
import { performance } from "node:perf_hooks";

const [task, arg] = process.argv.slice(2);

async function main(): Promise<void> {
    switch (task) {
        case "sdk":
            // The floor: the Pulumi SDK modules a GKE stack's program loads.
            for (const mod of ["@pulumi/pulumi", "@pulumi/kubernetes", "@pulumi/gcp"]) require(mod);
            break;
        case "entry":
            require("../../stacks/main.js");
            break;
        case "render": {
            const { render } = await import("../../infra/offline/render");
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
