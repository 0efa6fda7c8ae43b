// npm run bench: start-up and render costs, each measured in fresh processes, reported as ratios within one run.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { stackFileConfig } from "../support/render";

const runs = Number(process.env.BENCH_RUNS ?? 5);
const probe = join(__dirname, "probe.ts");

function measure(task: string, arg = ""): number {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
        const out = execFileSync(process.execPath, ["--import", "tsx", probe, task, arg], { encoding: "utf8", env: { ...process.env, KUBECONFIG: "/nonexistent" } });
        samples.push(Number(out.trim().split("\n").pop()));
    }
    samples.sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)];
}

/** The dev stack's config with `count` copies of its nginx app. */
function appsConfig(count: number): string {
    const config = stackFileConfig("dev");
    const nginx = (config["webstack:apps"] as Record<string, unknown>).nginx;
    config["webstack:apps"] = Object.fromEntries(Array.from({ length: count }, (_, i) => [`app-${i}`, nginx]));
    delete config["webstack:webServerToken"];
    const file = join(mkdtempSync(join(tmpdir(), "webstack-bench-")), `Pulumi.apps${count}.yaml`);
    writeFileSync(file, stringify({ config }));
    return file;
}

const floor = measure("sdk");
const rows: [string, number][] = [
    ["(a) load Pulumi SDK modules (floor)", floor],
    ["(b) render dev", measure("render", "dev")],
    ["(b) render prod", measure("render", "prod")],
    ["(b) render pr-42 (tenant)", measure("render", "pr-42")],
    ["(c) render 10 apps", measure("render", `apps10=${appsConfig(10)}`)],
    ["(c) render 100 apps", measure("render", `apps100=${appsConfig(100)}`)],
    ["(d) load the entry `pulumi up` runs", measure("entry")],
];
const ms = Object.fromEntries(rows);
console.log(`median of ${runs} fresh processes each, ms from process start (node + tsx included)\n`);
for (const [name, value] of rows) console.log(`${name.padEnd(40)} ${value.toFixed(0).padStart(7)} ms   ${(value / floor).toFixed(2)}x floor`);
console.log(`\nrender dev / floor        ${(ms["(b) render dev"] / floor).toFixed(2)}`);
console.log(`render prod / floor       ${(ms["(b) render prod"] / floor).toFixed(2)}`);
console.log(`render pr-42 / floor      ${(ms["(b) render pr-42 (tenant)"] / floor).toFixed(2)}`);
console.log(`100 apps / 10 apps        ${(ms["(c) render 100 apps"] / ms["(c) render 10 apps"]).toFixed(2)}`);
console.log(`entry / floor             ${(ms["(d) load the entry `pulumi up` runs"] / floor).toFixed(2)}`);
