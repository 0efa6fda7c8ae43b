// npm run bench:engine: the real-engine tier's costs, as ratios within one run, each line printed as measured.
// Needs the engine tools (npm run test:engine builds them). On one local control plane:
//   (a) `pulumi preview` of the shared dev stack once it is up (nothing to change): the floor of a PR preview;
//   (b) `pulumi preview` of fresh stacks with 10 and 100 copies of one nginx app (what a pull request adding them shows);
//   (c) `pulumi up` of those stacks;
//   (d) the harness's own floor: the objects (c) created for one app, copied 10 and 100 times into fresh namespaces
//       and applied straight to the API server, awaited as the provider awaits them;
//   (e) `pulumi preview` of the stacks of (c) again, nothing to change.
// Each line also says how busy the machine was (CPU used over wall time × cores) and who used it, and each app stack
// operation where its time went (tools/bench/timeline.ts): start-up, steps and finish; the steps' time working
// (the provider: requests, throttle, awaits) and queued (ready, but waiting for a free engine slot or for the program
// to register them); how many ran at once; the program's API requests per second (the API server's audit log).
// Knobs, to measure what each change buys (docs/performance.md):
//   BENCH_PARALLEL=<n>            --parallel of the engine (default: none, so the CLI's own default, 4 × cores);
//   BENCH_KUBE_CLIENT=<qps>,<burst>  webstack:kubeClient of every stack (default: none, so the program's defaults;
//                                 50,120 is the Kubernetes provider's own);
//   BENCH_HARNESS=stock           the local control plane's components with their stock client limits.
//   BENCH_CHECKPOINTS=each-step   the engine tier's file backend writes the whole state after every step, as it
//                                 does in the tests. By default the bench sets PULUMI_SKIP_CHECKPOINTS (state written
//                                 once, at the end): a file backend's write of every resource at every step, one at a
//                                 time, is the harness's cost, not the program's; Pulumi Cloud, where this project's
//                                 stacks live, journals each step instead (docs/performance.md).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { OpResult, RunOptions } from "../../tests/engine/support/engine";
import { devApps, sharedStack } from "../../tests/engine/support/stacks";
import { startTier } from "../../tests/engine/support/tier";
import { cores, DescendantCpu, measurePhase, ownCpu, type PhaseCpu } from "./cpu";
import { applyAndAwait, copies, type KubeObject } from "./floor";
import { breakdown, edgesFromState, requestRate, type TimelineBreakdown } from "./timeline";

const parallel = process.env.BENCH_PARALLEL ? Number(process.env.BENCH_PARALLEL) : undefined;
const kubeClient = process.env.BENCH_KUBE_CLIENT
    ? (([qps, burst]) => ({ qps: Number(qps), burst: Number(burst) }))(process.env.BENCH_KUBE_CLIENT.split(","))
    : undefined;
const stockHarness = process.env.BENCH_HARNESS === "stock";
const finalCheckpointOnly = process.env.BENCH_CHECKPOINTS !== "each-step";
// The engine's environment is the bench's (tests/engine/support/engine.ts copies process.env).
if (finalCheckpointOnly) process.env.PULUMI_SKIP_CHECKPOINTS = "true";
/** The engine's parallelism: ours, or the CLI's default (pkg/cmd/pulumi/operations/up.go: 4 × GOMAXPROCS). */
const engineParallel = parallel ?? 4 * cores;

/** The shared stack's config with `count` copies of nginx instead of the dev apps, all in namespace `namespace`. */
function appsStack(base: RunOptions, count: number, namespace: string): RunOptions {
    const nginx = { ...devApps().nginx, expose: "internal", replicas: 1, namespace };
    const apps = Object.fromEntries(Array.from({ length: count }, (_, i) => [`app-${i}`, nginx]));
    // No app reads web-server's token here, and an unused secret is a config error. No tenants either: the shared
    // stack's developer namespaces are already there.
    const { "webstack:access": _access, ...plain } = base.plainConfig!;
    return {
        plainConfig: { ...plain, "webstack:existing": { loadBalancerAddresses: true }, "webstack:apps": apps },
        secretConfig: { "webstack:kubeconfig": base.secretConfig!["webstack:kubeconfig"] },
    };
}

const ms = (value: number) => value.toFixed(0).padStart(7);
const seconds = (value: number) => value.toFixed(1).padStart(5);

/** The control plane's daemons (kernel command names, at most 15 characters): their CPU is counted by the cluster. */
const daemons = ["etcd", "kube-apiserver", "kube-controller", "kube-scheduler", "kwok"];

/**
 * "cpu 62%: control plane 40.1 s, program 8.2 s, engine 12.0 s, provider 8.3 s, other 3.0 s": how busy the machine
 * was during the phase (CPU over wall time × cores), and who used it. `ours`: our processes by command name (the
 * program is node, the engine pulumi, the provider pulumi-resource-kubernetes); other is everyone else's.
 */
function cpuText(cpu: PhaseCpu, ours: Record<string, number>): string {
    const { bench = 0, ...controlPlane } = cpu.parts;
    const cp = Object.values(controlPlane).reduce((a, b) => a + b, 0);
    const cpParts = Object.entries(controlPlane).sort(([, x], [, y]) => y - x).map(([name, v]) => `${name.replace(/^kube-/, "")} ${v.toFixed(1)}`).join(", ");
    const names: Record<string, string> = { node: "program", pulumi: "engine", "pulumi-resource": "provider" };
    const parts = Object.entries(ours).filter(([, s]) => s >= 0.05).map(([comm, s]) => `${names[comm] ?? comm} ${s.toFixed(1)} s`);
    const other = Math.max(0, cpu.busy - cp - bench);
    return `cpu ${(cpu.utilisation * 100).toFixed(0).padStart(3)}%: control plane ${cp.toFixed(1)} s (${cpParts}), ${[...parts, `other ${other.toFixed(1)} s`].join(", ")}`;
}

function breakdownText(b: TimelineBreakdown, rate?: ReturnType<typeof requestRate>): string {
    const perStep = (totalMs: number) => (totalMs / Math.max(1, b.steps) / 1000).toFixed(2);
    const types = ["Deployment", "Service", "ConfigMap", "NetworkPolicy"]
        .filter((t) => b.workingByType[t])
        .map((t) => `${t} ${(b.workingByType[t].meanMs / 1000).toFixed(2)} s`)
        .join(", ");
    return [
        `      start-up ${seconds(b.startupMs / 1000)} s, steps ${seconds(b.stepsMs / 1000)} s, finish ${seconds(b.finishMs / 1000)} s;`
        + ` ${b.steps} steps, each on average working ${perStep(b.workingMs)} s and queued ${perStep(b.queuedMs)} s`
        + ` (${perStep(b.queuedForSlotMs)} s of it with every engine slot taken)`,
        `      in flight: mean ${b.meanInFlight.toFixed(1)}, max ${b.maxInFlight}, at --parallel ${engineParallel} for ${(b.atLimit * 100).toFixed(0)}% of the steps;`
        + ` mean working: ${types}`,
        ...(rate ? [`      the provider's API requests: ${rate.requests} (${Object.entries(rate.byVerb).map(([v, n]) => `${v} ${n}`).join(", ")}), ${rate.perSecond.toFixed(1)}/s mean over the steps, ${rate.peakPerSecond}/s peak`] : []),
    ].join("\n");
}

async function main(): Promise<void> {
    const tier = await startTier({ auditDeployer: true, stockLimits: stockHarness });
    const { cluster, engine } = tier;
    const parts = () => ({ ...cluster.cpuSeconds(), bench: ownCpu() });
    const descendants = new DescendantCpu(daemons);
    /** measurePhase, with our processes' CPU by name beside it. */
    async function phase<T>(what: () => Promise<T>): Promise<{ result: T; cpu: PhaseCpu; ours: Record<string, number> }> {
        descendants.start();
        const measured = await measurePhase(what, parts);
        return { ...measured, ours: descendants.stop() };
    }
    const auditLines = () => (cluster.auditLog ? readFileSync(cluster.auditLog, "utf8").split("\n") : []);
    const measured: Record<string, number> = {};
    const timelines: Record<string, OpResult> = {};

    async function op(label: string, key: string, kind: "up" | "preview", stack: string, options: RunOptions = {}, ratioTo?: string): Promise<void> {
        const knobs: RunOptions = {
            ...options,
            ...(kubeClient && options.plainConfig ? { plainConfig: { ...options.plainConfig, "webstack:kubeClient": kubeClient } } : {}),
            ...(parallel ? { options: { ...options.options, parallel } } : {}),
        };
        const { result, cpu, ours } = await phase(() => engine.ok(kind, stack, knobs));
        measured[key] = cpu.wallMs;
        timelines[key] = result;
        const ratio = ratioTo ? `${(cpu.wallMs / measured[ratioTo]).toFixed(2)}x ${ratioTo}` : "";
        console.log(`${label.padEnd(44)} ${ms(cpu.wallMs)} ms ${ratio.padEnd(20)} ${cpuText(cpu, ours)}`);
    }

    /** Where an app stack's operation spent its time; dependencies from the stack's state (written by its up). */
    function explain(key: string, stack: string): void {
        const result = timelines[key];
        if (!result?.timeline) return;
        const edges = edgesFromState(JSON.parse(engine.stateText(stack)) as Parameters<typeof edgesFromState>[0]);
        const b = breakdown(result.timeline, engineParallel, edges);
        const steps = result.timeline.events.filter((e) => e.kind !== "failed").map((e) => e.t);
        const rate = steps.length ? requestRate(auditLines(), Math.min(...steps), Math.max(...steps), "pulumi-kubernetes/") : undefined;
        console.log(`  ${key}:\n${breakdownText(b, rate)}`);
    }

    try {
        console.log(`${cores} cores; engine parallelism ${parallel ?? `the CLI's default (4 x cores = ${engineParallel})`}; `
            + `webstack:kubeClient ${kubeClient ? JSON.stringify(kubeClient) : "the program's default"}; harness ${stockHarness ? "stock" : "tuned"} client limits; `
            + `state written ${finalCheckpointOnly ? "once, at the end (PULUMI_SKIP_CHECKPOINTS)" : "after every step (file backend)"}\n`);
        const base = sharedStack(cluster, { webServerToken: randomBytes(16).toString("hex") });
        await op("up of the shared dev stack", "up dev", "up", "dev", base);
        await op("(a) preview, nothing to change", "preview dev", "preview", "dev", {}, "up dev");
        await op("(b) preview of 10 new apps", "preview 10", "preview", "apps10", appsStack(base, 10, "apps10"));
        await op("(b) preview of 100 new apps", "preview 100", "preview", "apps100", appsStack(base, 100, "apps100"), "preview 10");
        await op("(c) up of 10 apps", "up 10", "up", "apps10");
        await op("(c) up of 100 apps", "up 100", "up", "apps100", {}, "up 10");

        // (d): what (c) created for app-0, copied and applied directly.
        const template = {
            namespace: await cluster.getJson<KubeObject>(["get", "namespace", "apps10"]),
            shared: (await cluster.getJson<{ items: KubeObject[] }>(["get", "networkpolicy", "-n", "apps10"])).items.filter((o) => o.metadata.name.startsWith("apps10-")),
            app: (await cluster.getJson<{ items: KubeObject[] }>(["get", "configmap/app-0-files", "deployment/app-0", "service/app-0", "networkpolicy/app-0", "-n", "apps10"])).items,
        };
        const kubeconfig = parse(cluster.kubeconfig) as { clusters: { cluster: Record<string, string> }[] };
        const target = { server: cluster.server, token: cluster.token, ca: Buffer.from(kubeconfig.clusters[0].cluster["certificate-authority-data"], "base64").toString("utf8") };
        for (const count of [10, 100]) {
            const namespace = `floor${count}`;
            const objects = copies(template, { from: "apps10", app: "app-0", to: namespace }, count);
            const { result, cpu, ours } = await phase(() => applyAndAwait(target, objects, namespace));
            measured[`floor ${count}`] = cpu.wallMs;
            const ratio = count === 100 ? `${(cpu.wallMs / measured["floor 10"]).toFixed(2)}x floor 10` : "";
            console.log(`${`(d) harness floor: ${count} apps applied directly`.padEnd(44)} ${ms(cpu.wallMs)} ms ${ratio.padEnd(20)} ${cpuText(cpu, { bench: cpu.parts.bench, ...ours })}`);
            console.log(`      ${objects.length} objects applied in ${(result.applyMs / 1000).toFixed(1)} s, all available and served ${(result.totalMs / 1000).toFixed(1)} s after the first`);
        }
        await op("(e) preview of 10 apps, nothing to change", "preview 10 again", "preview", "apps10");
        await op("(e) preview of 100 apps, nothing to change", "preview 100 again", "preview", "apps100", {}, "preview 10 again");

        console.log("\nwhere the time went (engine events; queued = ready but not started):");
        for (const [key, stack] of [["preview 10", "apps10"], ["preview 100", "apps100"], ["up 10", "apps10"], ["up 100", "apps100"], ["preview 10 again", "apps10"], ["preview 100 again", "apps100"]]) explain(key, stack);

        console.log("\nratios (this run):");
        console.log(`  up 100 / up 10                   ${(measured["up 100"] / measured["up 10"]).toFixed(2)}`);
        console.log(`  preview 100 / preview 10 (new)   ${(measured["preview 100"] / measured["preview 10"]).toFixed(2)}`);
        console.log(`  preview 100 / 10, no change      ${(measured["preview 100 again"] / measured["preview 10 again"]).toFixed(2)}`);
        console.log(`  floor 100 / floor 10             ${(measured["floor 100"] / measured["floor 10"]).toFixed(2)}`);
        console.log(`  up 100 / floor 100               ${(measured["up 100"] / measured["floor 100"]).toFixed(2)}`);
    } finally {
        await tier.stop();
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
