import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";

const run = promisify(execFile);
const cli = join(__dirname, "..", "infra", "workflow", "cli.ts");

/** A stand-in `pulumi` on PATH that records every call and answers like the real CLI would. */
function fakePulumi(options: { existingStack?: boolean; sharedOutputs?: Record<string, unknown> }): { bin: string; calls: () => string[][] } {
    const dir = mkdtempSync(join(tmpdir(), "fake-pulumi-"));
    const log = join(dir, "calls.log");
    const outputs = JSON.stringify(options.sharedOutputs ?? { kubeconfig: "k", clusterName: "c", endpoint: "e", registry: "r", ingressAddress: "1.2.3.4" });
    writeFileSync(join(dir, "outputs.json"), outputs);
    writeFileSync(
        join(dir, "pulumi"),
        `#!/usr/bin/env bash
printf '%s\\n' "$(printf '%s\\t' "$@")" >> "${log}"
case "$1 $2" in
  "stack output") cat "${join(dir, "outputs.json")}" ;;
  "stack select") exit ${options.existingStack ? 0 : 1} ;;
  "config get") exit 1 ;;
esac
exit 0
`,
    );
    chmodSync(join(dir, "pulumi"), 0o755);
    return {
        bin: dir,
        calls: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").map((l) => l.replace(/\t$/, "").split("\t")) : []),
    };
}

async function stackCommand(args: string[], path: string): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
        const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", cli, ...args], { env: { ...process.env, PATH: path } });
        return { code: 0, stdout, stderr };
    } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
}

const nodeDir = join(process.execPath, "..");

describe("npm run stack", () => {
    it("creates a tenant stack: checks the shared stack, inits, sets a generated secret, runs up", async () => {
        const pulumi = fakePulumi({});
        const result = await stackCommand(["create", "dev-alice"], `${pulumi.bin}:${nodeDir}:/usr/bin:/bin`);
        assert.equal(result.code, 0, result.stderr);
        const calls = pulumi.calls();
        assert.deepEqual(calls[0], ["version"]);
        assert.deepEqual(calls[1], ["stack", "output", "--json", "--show-secrets", "--stack", "dev"]);
        assert.deepEqual(calls[2], ["stack", "select", "dev-alice"]);
        assert.deepEqual(calls[3], ["stack", "init", "dev-alice"]);
        const secretSet = calls.find((c) => c[0] === "config" && c[1] === "set");
        assert.ok(secretSet, "sets the web-server token");
        assert.deepEqual(secretSet.slice(0, 5), ["config", "set", "--secret", "--stack", "dev-alice"]);
        assert.equal(secretSet[5], "webstack:webServerToken");
        assert.ok(secretSet[6].length >= 32, "a generated secret value");
        assert.deepEqual(calls.at(-1), ["up", "--yes", "--stack", "dev-alice"]);
    });

    it("updates an existing tenant stack without re-initialising it", async () => {
        const pulumi = fakePulumi({ existingStack: true });
        const result = await stackCommand(["create", "pr-42", "--shared", "acme/webstack/dev"], `${pulumi.bin}:${nodeDir}:/usr/bin:/bin`);
        assert.equal(result.code, 0, result.stderr);
        const calls = pulumi.calls();
        assert.ok(!calls.some((c) => c[0] === "stack" && c[1] === "init"));
        assert.ok(calls.some((c) => c.join(" ") === "config set --stack pr-42 webstack:sharedCluster acme/webstack/dev"));
        assert.ok(calls.some((c) => c.join(" ") === "stack output --json --show-secrets --stack acme/webstack/dev"));
    });

    it("destroys and removes a tenant stack", async () => {
        const pulumi = fakePulumi({ existingStack: true });
        const result = await stackCommand(["destroy", "pr-42"], `${pulumi.bin}:${nodeDir}:/usr/bin:/bin`);
        assert.equal(result.code, 0, result.stderr);
        const calls = pulumi.calls().map((c) => c.join(" "));
        assert.deepEqual(calls.slice(-2), ["destroy --yes --stack pr-42", "stack rm --yes --stack pr-42"]);
    });

    it("fails clearly when the Pulumi CLI is missing", async () => {
        const empty = mkdtempSync(join(tmpdir(), "no-pulumi-"));
        const result = await stackCommand(["create", "dev-alice"], `${empty}:${nodeDir}`);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /Pulumi CLI \(`pulumi`\) is not on PATH/);
    });

    it("fails clearly when the shared stack has no outputs", async () => {
        const pulumi = fakePulumi({ sharedOutputs: { kubeconfig: "k" } });
        const result = await stackCommand(["create", "dev-alice"], `${pulumi.bin}:${nodeDir}:/usr/bin:/bin`);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /shared stack dev has no output clusterName, endpoint, registry, ingressAddress/);
        assert.ok(!pulumi.calls().some((c) => c[0] === "up"), "nothing is deployed");
    });

    it("refuses stack names that are not tenant stacks", async () => {
        const pulumi = fakePulumi({});
        const result = await stackCommand(["destroy", "prod"], `${pulumi.bin}:${nodeDir}:/usr/bin:/bin`);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /"prod" is not a tenant stack name/);
        assert.deepEqual(pulumi.calls(), []);
    });
});
