// Runs Pulumi.yaml's `main` the way Pulumi's Node.js language host does: plain `node` with the project's
// `runtime.options.nodeargs`, `require()` of main, and its export run inside the root stack. Here the
// runtime is Pulumi's mock runtime, so no engine is needed. Config comes as JSON in WEBSTACK_CONFIG
// ({"webstack:cloud": "existing", ...}; keys named in WEBSTACK_SECRET_KEYS are secret). Prints one line per
// registered resource: `<type> <name>`, then `loaded <the @pulumi packages the process loaded>`. Plain JavaScript on purpose: nothing here may need a TypeScript loader.
"use strict";
const path = require("node:path");
const pulumi = require("@pulumi/pulumi");

async function main() {
    const projectDir = path.resolve(__dirname, "..", "..");
    const { parse } = require("yaml");
    const project = parse(require("node:fs").readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8"));
    const stack = process.env.WEBSTACK_STACK || "dev";
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                console.log(`${args.type} ${args.name}`);
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call: (args) => args.inputs,
        },
        project.name,
        stack,
        false,
        "organization",
    );
    pulumi.runtime.setAllConfig(JSON.parse(process.env.WEBSTACK_CONFIG || "{}"), JSON.parse(process.env.WEBSTACK_SECRET_KEYS || "[]"));
    const loaded = require(path.join(projectDir, project.main));
    const program = typeof loaded === "function" ? loaded : loaded.default;
    await pulumi.runtime.runInPulumiStack(program);
    await pulumi.runtime.waitForRPCs?.();
    const packages = new Set(Object.keys(require.cache).flatMap((file) => /node_modules\/(@pulumi\/[^/]+)\//.exec(file)?.[1] ?? []));
    console.log(`loaded ${[...packages].sort().join(" ")}`);
}

main().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
});
