// One Pulumi operation on one stack, through the Automation API, with the program loaded the way Pulumi's
// Node.js language host loads it: this file runs under plain `node` plus Pulumi.yaml's nodeargs (never the
// test runner's loader), and the inline program `require()`s Pulumi.yaml's `main` and calls its export.
// The CLI is the real engine (`--client` to this process's language server), so no language host binary is
// needed. Plain JavaScript on purpose.
//
//   node <nodeargs> run-stack.cjs <request.json>
// request: { op: "up"|"preview"|"refresh"|"destroy"|"select", stack, workDir, pulumiRoot, projectDir,
//            plainConfig?: {key: yaml value}, secretConfig?: {key: string}, options?: {...}, result: <file> }
// The result file gets { ok, error?, stdout, stderr, summary?, changes?, steps?, outputs?, timeline? }: timeline
// is when the operation started and ended and when each event of a step arrived here (ms since the epoch; the
// Automation API reads the engine's event log every 200 ms), for the bench.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { parse, stringify } = require("yaml");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");

async function run(request) {
    const project = parse(fs.readFileSync(path.join(request.projectDir, "Pulumi.yaml"), "utf8"));
    const program = async () => {
        const loaded = require(path.join(request.projectDir, project.main));
        return (typeof loaded === "function" ? loaded : loaded.default)();
    };
    const pulumiCommand = await PulumiCommand.get({ root: request.pulumiRoot });
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: request.stack, projectName: project.name, program },
        { workDir: request.workDir, pulumiCommand, projectSettings: { name: project.name, runtime: "nodejs" } },
    );
    if (request.plainConfig) {
        // Structured values go into the stack file as YAML, the way a user writes Pulumi.<stack>.yaml.
        const file = path.join(request.workDir, `Pulumi.${request.stack}.yaml`);
        const settings = fs.existsSync(file) ? parse(fs.readFileSync(file, "utf8")) ?? {} : {};
        settings.config = { ...(settings.config ?? {}), ...request.plainConfig };
        fs.writeFileSync(file, stringify(settings));
    }
    for (const [key, value] of Object.entries(request.secretConfig ?? {})) {
        await stack.setConfig(key, { value, secret: true });
    }
    const steps = [];
    const diagnostics = [];
    const timeline = { started: Date.now(), events: [] };
    const onEvent = (event) => {
        const meta = event.resourcePreEvent?.metadata;
        if (meta) steps.push({ op: meta.op, urn: meta.urn, type: meta.type, diffs: meta.diffs ?? Object.keys(meta.detailedDiff ?? {}) });
        const at = (kind, m) => timeline.events.push({ t: Date.now(), kind, urn: m.urn, type: m.type, op: m.op, custom: (m.new ?? m.old)?.custom });
        if (meta) at("start", meta);
        if (event.resOutputsEvent) at("end", event.resOutputsEvent.metadata);
        if (event.resOpFailedEvent) at("failed", event.resOpFailedEvent.metadata);
        if (event.diagnosticEvent && event.diagnosticEvent.severity !== "debug") diagnostics.push(event.diagnosticEvent.message);
    };
    const options = { ...(request.options ?? {}), onEvent, color: "never" };
    const measured = () => ({ timeline: { ...timeline, ended: Date.now() } });
    switch (request.op) {
        case "select":
            return { ok: true };
        case "preview": {
            timeline.started = Date.now();
            const result = await stack.preview({ ...options, diff: true });
            return { ok: true, stdout: result.stdout, stderr: result.stderr, changes: result.changeSummary, steps, diagnostics, ...measured() };
        }
        case "up": {
            timeline.started = Date.now();
            const result = await stack.up(options);
            return { ok: true, stdout: result.stdout, stderr: result.stderr, summary: result.summary, changes: result.summary.resourceChanges, steps, diagnostics, outputs: result.outputs, ...measured() };
        }
        case "refresh": {
            const result = await stack.refresh(options);
            return { ok: true, stdout: result.stdout, stderr: result.stderr, summary: result.summary, changes: result.summary.resourceChanges, steps, diagnostics };
        }
        case "destroy": {
            const result = await stack.destroy(options);
            return { ok: true, stdout: result.stdout, stderr: result.stderr, summary: result.summary, changes: result.summary.resourceChanges, steps, diagnostics };
        }
        default:
            throw new Error(`unknown op ${request.op}`);
    }
}

const request = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
run(request).then(
    (result) => fs.writeFileSync(request.result, JSON.stringify(result)),
    (error) => {
        fs.writeFileSync(request.result, JSON.stringify({
            ok: false,
            error: String(error && error.message ? error.message : error),
            stdout: error && error.commandResult ? error.commandResult.stdout : "",
            stderr: error && error.commandResult ? error.commandResult.stderr : "",
        }));
    },
);
