// npm run bench: start-up and render costs, each measured in fresh processes started the way the language
// host starts the program (node + Pulumi.yaml's nodeargs), reported as ratios within one run, each line as
// soon as it is measured.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { projectNodeargs } from "../render/nodeargs";
import { projectDir } from "../../infra/config/project";
import { readYaml } from "../../infra/config/stackFile";

const runs = Number(process.env.BENCH_RUNS ?? 5);
const probe = join(__dirname, "probe.ts");
const env = { ...process.env, KUBECONFIG: "/nonexistent", NODE_OPTIONS: "" };

function probeOutput(task: string, arg = ""): string {
    return execFileSync(process.execPath, [...projectNodeargs(), probe, task, arg], { encoding: "utf8", env }).trim().split("\n").pop()!;
}

function measure(task: string, arg = ""): number {
    const samples = Array.from({ length: runs }, () => Number(probeOutput(task, arg))).sort((a, b) => a - b);
    return samples[Math.floor(samples.length / 2)];
}

/** The dev stack's config with `count` copies of its nginx app. */
function appsConfig(count: number): string {
    const config = readYaml(join(projectDir, "Pulumi.dev.yaml")).config as Record<string, unknown>;
    const nginx = (config["webstack:apps"] as Record<string, unknown>).nginx;
    config["webstack:apps"] = Object.fromEntries(Array.from({ length: count }, (_, i) => [`app-${i}`, nginx]));
    delete config["webstack:webServerToken"];
    const file = join(mkdtempSync(join(tmpdir(), "webstack-bench-")), `Pulumi.apps${count}.yaml`);
    writeFileSync(file, stringify({ config }));
    return file;
}

const sdkPackages = probeOutput("entry-packages");
console.log(`median of ${runs} fresh processes each, ms from process start (node ${projectNodeargs().join(" ")} included)`);
console.log(`floor: node + the Pulumi SDK packages the entry loads (${sdkPackages})\n`);
const ms: Record<string, number> = {};
function row(name: string, value: number, floor = ms.floor): void {
    ms[name] = value;
    console.log(`${name.padEnd(40)} ${value.toFixed(0).padStart(7)} ms   ${(value / floor).toFixed(2)}x floor`);
}
const floor = measure("sdk", sdkPackages);
row("floor", floor, floor);
row("entry `pulumi up` loads", measure("entry"));
row("render dev", measure("render", "dev"));
row("render prod", measure("render", "prod"));
row("render pr-42 (tenant)", measure("render", "pr-42"));
row("render 10 apps", measure("render", `apps10=${appsConfig(10)}`));
row("render 100 apps", measure("render", `apps100=${appsConfig(100)}`));
console.log(`\n100 apps / 10 apps        ${(ms["render 100 apps"] / ms["render 10 apps"]).toFixed(2)}`);
