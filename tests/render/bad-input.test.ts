import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { parseStackConfig } from "../../infra/config/parse";
import { ConfigError } from "../../infra/config/errors";
import { UserError } from "../../tools/cli/userError";
import { projectDir } from "../../infra/config/project";
import { render } from "../../tools/render/render";
import { offlineSecretPlaceholder, readStackConfig } from "../../tools/render/stackConfig";
import { runTsx, type ChildRun } from "../support/childProcess";

/**
 * Drives the real render CLI (`npm run render`) with the stack files in tests/render/bad-input/: each holds a valid base
 * with one deliberate fault (a few carry several) and a header naming what the CLI must report, e.g.
 *   # A negative minNodes.
 *   # stack: prod                     (default dev)
 *   # image-tag: latest               (passed as --image-tag; JSON-quoted when empty)
 *   # hidden: <text>                  (a secret the output must not echo)
 *   # expect: webstack:cluster.nodeGroups[0].minNodes   (one line per expected problem)
 *   # mentions: apps.nginx.host       (text the problems must contain: the other key of a collision)
 */
const casesDir = join(projectDir, "tests", "render", "bad-input");
const ciphertext = "v1:dGVzdA==:Y2lwaGVydGV4dA==";

interface BadInput {
    name: string;
    file: string;
    stack: string;
    imageTag?: string;
    expect: string[];
    mentions: string[];
    hidden: string[];
}

function readCase(name: string): BadInput {
    const file = join(casesDir, `${name}.yaml`);
    const header = readFileSync(file, "utf8").split("\n").filter((line) => line.startsWith("#"));
    const field = (key: string) => header.flatMap((line) => (line.startsWith(`# ${key}: `) ? [line.slice(key.length + 4).trim()] : []));
    const imageTag = field("image-tag")[0];
    return {
        name,
        file,
        stack: field("stack")[0] ?? "dev",
        imageTag: imageTag?.startsWith('"') ? (JSON.parse(imageTag) as string) : imageTag,
        expect: field("expect"),
        mentions: field("mentions"),
        hidden: field("hidden"),
    };
}

const cases = readdirSync(casesDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => readCase(f.slice(0, -".yaml".length)));

/** `npm run render -- …` as a child process. */
const renderCli = (args: string[]) => runTsx("tools/render/cli.ts", args);

const scratch = mkdtempSync(join(tmpdir(), "webstack-bad-input-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A path for --out that does not exist yet. */
const freshOut = (name: string) => join(scratch, name, "out");

/**
 * Two cases end to end (every case runs in-process above): the exit code, stderr, and that nothing is written;
 * several faults in one error, and a secret that must not reach the terminal.
 */
const cliCases = ["many-faults", "secret-not-secret"];

/** The CLI runs, started while the test files load (see runChild). */
function startCliCase(c: BadInput): { out: string; run: Promise<ChildRun> } {
    const out = freshOut(c.name);
    const args = ["--stack", c.stack, "--config", c.file, "--out", out];
    if (c.imageTag !== undefined) args.push("--image-tag", c.imageTag);
    return { out, run: renderCli(args) };
}
const cliRuns = new Map(cases.filter((x) => cliCases.includes(x.name)).map((c) => [c, startCliCase(c)]));
const controlOut = freshOut("control");
const controlRun = renderCli(["--stack", "local", "--config", join(casesDir, "control", "existing.yaml"), "--out", controlOut]);
const mistypedStackRun = renderCli(["--stack", "prdo", "--out", freshOut("prdo")]);

test("the suite covers at least 30 bad inputs, each stating what it expects", () => {
    assert.ok(cases.length >= 30, `only ${cases.length} cases`);
    for (const c of cases) assert.ok(c.expect.length > 0, `${c.name}.yaml has no "# expect:" line`);
    assert.ok(cases.some((c) => c.expect.length >= 5), "one case shows several faults reported together");
});

test("the base the cases start from is valid", () => {
    const view = readStackConfig({ projectDir, stack: "dev", configFile: join(casesDir, "control", "base.yaml") });
    const config = parseStackConfig(view.config, { stack: "dev", isSecret: (k) => view.secretKeys.includes(k) });
    assert.deepEqual(Object.keys(config.apps), ["nginx", "web-server"]);
});

/** The assertions every rejected case shares, on the error text and on anything else the run printed. */
function assertRejected(c: BadInput, message: string, printed: string, report: string): void {
    const count = `(${c.expect.length} problem${c.expect.length === 1 ? "" : "s"})`;
    assert.ok(message.startsWith(`Invalid stack configuration ${count}:`), `expected a config error with ${count}\n${report}`);
    for (const key of c.expect) assert.ok(message.includes(`  - ${key}: `), `the error does not name ${key}\n${report}`);
    for (const text of c.mentions) assert.ok(message.includes(text), `the error does not mention ${text}\n${report}`);
    for (const secret of [...c.hidden, offlineSecretPlaceholder, ciphertext]) {
        assert.ok(!message.includes(secret) && !printed.includes(secret), `the output shows a secret (${secret})\n${report}`);
    }
}

// Every case in-process, through the same loader and render function as the CLI (fast: no process per case).
describe("the render rejects bad input, naming every problem", () => {
    for (const c of cases) {
        test(c.name, async () => {
            const error = await render({ stack: c.stack, configFile: c.file, imageTag: c.imageTag }).then(
                () => assert.fail(`${c.name}: the render succeeded`),
                (e: unknown) => e,
            );
            assert.ok(error instanceof ConfigError, `${c.name}: not a config error: ${error instanceof Error ? error.stack : String(error)}`);
            assertRejected(c, error.message, "", error.message);
        });
    }
});

describe("render CLI: non-zero exit, the problems on stderr, nothing written", () => {
    test("the CLI cases exist", () => assert.deepEqual(cliCases.filter((n) => !cases.some((c) => c.name === n)), []));
    for (const [c, { out, run: started }] of cliRuns) {
        test(c.name, async () => {
            const run = await started;
            const report = `exit ${run.code}\nstderr:\n${run.stderr}\nstdout:\n${run.stdout}`;
            assert.equal(run.code, 1, report);
            assertRejected(c, run.stderr, run.stdout, report);
            assert.doesNotMatch(run.stdout, /wrote/, report);
            assert.equal(existsSync(out), false, `${out} was created`);
        });
    }
});

test("positive control: a valid existing-cluster stack renders and writes its files", async () => {
    const out = controlOut;
    const run = await controlRun;
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(out).sort(), ["manifests.yaml", "outputs.json", "resources.json"]);
    const resources = JSON.parse(readFileSync(join(out, "resources.json"), "utf8")) as { type: string }[];
    assert.ok(resources.some((r) => r.type === "webstack:cluster:Existing"), "the existing cluster is registered");
    for (const name of readdirSync(out)) {
        assert.ok(!readFileSync(join(out, name), "utf8").includes(offlineSecretPlaceholder), `${name} shows the kubeconfig secret`);
    }
});

describe("render CLI: a stack or config file that is not there is one line naming it", () => {
    test("a mistyped stack: the file it looked for, the stacks there are, and the likely one", async () => {
        const run = await mistypedStackRun;
        assert.equal(run.code, 1, run.stderr);
        assert.equal(run.stderr.trimEnd().split("\n").length, 1, run.stderr);
        assert.match(run.stderr, /^stack prdo has no stack file \(\S*Pulumi\.prdo\.yaml does not exist\); the stacks here are dev, prod \(did you mean prod\?\)/);
        assert.equal(existsSync(freshOut("prdo")), false);
    });

    test("a --config file that does not exist", async () => {
        await assert.rejects(render({ stack: "dev", configFile: "/missing.yaml" }), (err: unknown) => {
            assert.ok(err instanceof UserError);
            assert.equal(err.message, "config file /missing.yaml does not exist");
            return true;
        });
    });
});
