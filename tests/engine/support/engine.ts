import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectDir } from "../../../infra/config/project";
import { projectNodeargs } from "../../../tools/render/nodeargs";
import { runCommand } from "./processes";
import type { EngineTools } from "./tools";

/** The Kubernetes provider version @pulumi/kubernetes asks for; the binary underneath is the v4.25.0 code. */
export const kubernetesProviderVersion = "4.34.2";

export interface Step {
    op: string;
    urn: string;
    type: string;
    diffs: string[];
}

export interface OpResult {
    ok: boolean;
    error?: string;
    stdout: string;
    stderr: string;
    /** Resource counts by operation (`same`, `create`, `update`, `replace`, `delete`, …). */
    changes?: Record<string, number>;
    steps?: Step[];
    diagnostics?: string[];
    outputs?: Record<string, { value: unknown; secret: boolean }>;
    /** When the operation started and ended, and when each step's events arrived (ms since the epoch; up and preview). */
    timeline?: Timeline;
}

export interface Timeline {
    started: number;
    ended: number;
    events: { t: number; kind: "start" | "end" | "failed"; urn: string; type: string; op: string; custom?: boolean }[];
}

export interface RunOptions {
    /** Plain config written into the stack file as YAML (objects stay structured). */
    plainConfig?: Record<string, unknown>;
    /** Secret config, set with `--secret` (encrypted with the stack's passphrase key). */
    secretConfig?: Record<string, string>;
    /** Automation API options of the operation (e.g. expectNoChanges, target). */
    options?: Record<string, unknown>;
}

/**
 * A real Pulumi engine: the CLI built from the pinned module, a file:// backend and PULUMI_HOME in a temporary
 * folder, the Kubernetes provider installed from our build, no plugin downloads.
 */
export class Engine {
    readonly dir: string;
    readonly backendDir: string;
    readonly workDir: string;
    readonly env: NodeJS.ProcessEnv;
    readonly passphrase = "engine-tier-passphrase";

    private constructor(readonly tools: EngineTools) {
        this.dir = mkdtempSync(join(tmpdir(), "webstack-engine-"));
        this.backendDir = join(this.dir, "backend");
        this.workDir = join(this.dir, "work");
        mkdirSync(this.backendDir);
        mkdirSync(this.workDir);
        this.env = {
            ...process.env,
            // The test runner's loader must not leak into the CLI or the program's process.
            NODE_OPTIONS: "",
            PULUMI_HOME: join(this.dir, "home"),
            PULUMI_BACKEND_URL: `file://${this.backendDir}`,
            PULUMI_CONFIG_PASSPHRASE: this.passphrase,
            PULUMI_SKIP_UPDATE_CHECK: "1",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
            PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
            KUBECACHEDIR: join(this.dir, "kube-cache"),
            // No kubeconfig of the machine's may be picked up by accident.
            KUBECONFIG: join(this.dir, "no-kubeconfig"),
        };
    }

    static async create(tools: EngineTools): Promise<Engine> {
        const engine = new Engine(tools);
        await engine.cli(["plugin", "install", "resource", "kubernetes", `v${kubernetesProviderVersion}`, "--file", tools.bin("pulumi-resource-kubernetes")]);
        return engine;
    }

    /** The pulumi CLI itself, for what the Automation API does not cover. */
    cli(args: string[]): Promise<string> {
        return runCommand(this.tools.pulumi, [...args, "--non-interactive"], { env: this.env, cwd: this.workDir });
    }

    /** One operation on one stack, in a fresh process loading the program as the language host does. */
    run(op: "up" | "preview" | "refresh" | "destroy" | "select", stack: string, options: RunOptions = {}): Promise<OpResult> {
        const id = `${stack}-${op}-${Date.now()}-${Math.random().toString(16).slice(2, 8)}`;
        const requestFile = join(this.dir, `${id}.request.json`);
        const resultFile = join(this.dir, `${id}.result.json`);
        writeFileSync(requestFile, JSON.stringify({
            op,
            stack,
            workDir: this.workDir,
            pulumiRoot: this.tools.pulumiRoot,
            projectDir,
            result: resultFile,
            ...options,
        }));
        const nodeargs = projectNodeargs();
        return new Promise((resolve, reject) => {
            execFile(process.execPath, [...nodeargs, join(__dirname, "run-stack.cjs"), requestFile], { env: this.env, cwd: projectDir, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
                if (!existsSync(resultFile)) {
                    reject(new Error(`run-stack ${op} ${stack} wrote no result (${error?.message ?? "exit 0"}):\n${stdout}\n${stderr}`));
                    return;
                }
                const result = JSON.parse(readFileSync(resultFile, "utf8")) as OpResult;
                rmSync(requestFile, { force: true });
                resolve(result);
            });
        });
    }

    /** Runs an operation that must succeed; throws with the engine's output otherwise. */
    async ok(op: "up" | "preview" | "refresh" | "destroy" | "select", stack: string, options: RunOptions = {}): Promise<OpResult> {
        const result = await this.run(op, stack, options);
        if (!result.ok) throw new Error(`${op} of ${stack} failed: ${result.error}\n${result.stdout}\n${result.stderr}`);
        return result;
    }

    /** The stack's checkpoint file in the file backend, as written by the engine. */
    stateFile(stack: string): string {
        return join(this.backendDir, ".pulumi", "stacks", "webstack", `${stack}.json`);
    }

    stateText(stack: string): string {
        return readFileSync(this.stateFile(stack), "utf8");
    }

    dispose(): void {
        rmSync(this.dir, { recursive: true, force: true });
    }
}
