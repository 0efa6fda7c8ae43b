import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { projectDir } from "../../infra/config/project";
import { readStackConfig } from "../../tools/render/stackConfig";
import { runChild } from "../support/childProcess";
import { projectNodeargs } from "../../tools/render/nodeargs";

/**
 * `pulumi up` loads the program with plain `node`, Pulumi.yaml's `runtime.options.nodeargs` and `require(main)`,
 * not under the test runner's loader. tests/support/language-host-run.cjs does exactly that (under the mock
 * runtime); here it runs an existing-cluster stack, whose cluster module is imported lazily.
 */
const { config, secretKeys } = readStackConfig({
    projectDir,
    stack: "local",
    configFile: join(projectDir, "examples", "existing-cluster.yaml"),
    overrides: { "webstack:imageTag": "0123456789abcdef0123456789abcdef01234567" },
});
// Started while the test files load (see runChild).
const hosted = runChild(process.execPath, [...projectNodeargs(), join(projectDir, "tests", "support", "language-host-run.cjs")], {
    // NODE_OPTIONS would carry the test runner's own loader into the child.
    // No kubeconfig of this machine's is read: the stack names a context, and the program reads the default file.
    env: { ...process.env, NODE_OPTIONS: "", KUBECONFIG: join(projectDir, "no-such-kubeconfig"), WEBSTACK_STACK: "local", WEBSTACK_CONFIG: JSON.stringify(config), WEBSTACK_SECRET_KEYS: JSON.stringify(secretKeys) },
});

test("plain node with Pulumi.yaml's nodeargs loads main and runs the program", async () => {
    const run = await hosted;
    assert.equal(run.code, 0, `the program failed under plain node:\n${run.stderr}`);
    const types = run.stdout.split("\n").map((line) => line.split(" ")[0]);
    for (const type of ["webstack:cluster:Existing", "pulumi:providers:kubernetes", "kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service"]) {
        assert.ok(types.includes(type), `${type} was not registered:\n${run.stdout}`);
    }
    // Every preview pays for what the program loads: a stack on an adopted cluster needs no cloud SDK.
    const loaded = run.stdout.split("\n").find((line) => line.startsWith("loaded "))?.split(" ").slice(1) ?? [];
    assert.deepEqual(loaded, ["@pulumi/kubernetes", "@pulumi/pulumi"]);
});

/** The commands a developer and every pull request run often; none of them needs the Pulumi SDK to start. */
const lightCommands = ["tools/workflow/cli.ts", "tools/workflow/builtAppsCli.ts", "tools/diff/cli.ts"];
const lightLoad = runChild(process.execPath, ["--import", "tsx", "-e", `
    process.argv.splice(2, Infinity, "--help");
    for (const file of ${JSON.stringify(lightCommands)}) require("./" + file);
    process.on("exit", () => {
        const packages = Object.keys(require.cache).map((m) => /node_modules\\/(@[^/]+\\/[^/]+|[^/@]+)/.exec(m)?.[1]).filter(Boolean);
        console.log(JSON.stringify([...new Set(packages)].sort()));
    });
`], { env: { ...process.env, NODE_OPTIONS: "" } });

test("npm run stack, built-apps and diff start without loading @pulumi/*", async () => {
    const run = await lightLoad;
    assert.equal(run.code, 0, run.stderr);
    const packages = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as string[];
    assert.ok(packages.includes("yaml") && packages.includes("zod"), `the config parser is loaded: ${packages.join(" ")}`);
    assert.deepEqual(packages.filter((p) => p.startsWith("@pulumi/")), []);
});
