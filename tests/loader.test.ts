import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { projectDir } from "../infra/offline/render";
import { readStackConfig } from "../infra/offline/stackConfig";
import { projectNodeargs } from "./support/languageHost";

/**
 * `pulumi up` loads the program with plain `node`, Pulumi.yaml's `runtime.options.nodeargs` and `require(main)`,
 * not under the test runner's loader. tests/support/language-host-run.cjs does exactly that (under the mock
 * runtime); here it runs an existing-cluster stack, whose cluster module is imported lazily.
 */
test("plain node with Pulumi.yaml's nodeargs loads main and runs the program", async () => {
    const nodeargs = projectNodeargs();
    const { config, secretKeys } = readStackConfig({
        projectDir,
        stack: "local",
        configFile: join(projectDir, "tests", "bad-input", "control", "existing.yaml"),
        overrides: { "webstack:imageTag": "0123456789abcdef0123456789abcdef01234567" },
    });
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
        execFile(
            process.execPath,
            [...nodeargs, join(projectDir, "tests", "support", "language-host-run.cjs")],
            {
                cwd: projectDir,
                // NODE_OPTIONS would carry the test runner's own loader into the child.
                env: { ...process.env, NODE_OPTIONS: "", WEBSTACK_STACK: "local", WEBSTACK_CONFIG: JSON.stringify(config), WEBSTACK_SECRET_KEYS: JSON.stringify(secretKeys) },
            },
            (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
    });
    assert.equal(run.code, 0, `the program failed under plain node:\n${run.stderr}`);
    const types = run.stdout.split("\n").map((line) => line.split(" ")[0]);
    for (const type of ["webstack:cluster:Existing", "pulumi:providers:kubernetes", "kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service"]) {
        assert.ok(types.includes(type), `${type} was not registered:\n${run.stdout}`);
    }
    // Every preview pays for what the program loads: a stack on an adopted cluster needs no cloud SDK.
    const loaded = run.stdout.split("\n").find((line) => line.startsWith("loaded "))?.split(" ").slice(1) ?? [];
    assert.deepEqual(loaded, ["@pulumi/kubernetes", "@pulumi/pulumi"]);
});
