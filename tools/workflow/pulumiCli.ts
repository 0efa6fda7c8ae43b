import { execFileSync, spawnSync } from "node:child_process";
import { UserError } from "../cli/userError";
import type { Shell } from "./shell";

/** The Pulumi CLI, run without a shell. `capture` returns stdout; `run` streams to the terminal. */
export class PulumiCli {
    constructor(private readonly shell: Shell, private readonly binary = "pulumi") {}

    ensureInstalled(): void {
        const probe = spawnSync(this.binary, ["version"], { cwd: this.shell.cwd, env: this.shell.env, encoding: "utf8" });
        if (probe.error || probe.status !== 0) {
            throw new UserError("the Pulumi CLI (`pulumi`) is not on PATH; install it: https://www.pulumi.com/docs/install/");
        }
    }

    /** Runs a command and returns its exit code (output goes to the terminal). `env` is added to the environment. */
    run(args: string[], env: Record<string, string> = {}): number {
        return spawnSync(this.binary, args, { cwd: this.shell.cwd, stdio: "inherit", env: { ...this.shell.env, ...env } }).status ?? 1;
    }

    /** Runs a command that must succeed and returns its stdout. */
    capture(args: string[]): string {
        try {
            return execFileSync(this.binary, args, { cwd: this.shell.cwd, env: this.shell.env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        } catch (err) {
            const stderr = (err as { stderr?: string }).stderr?.trim();
            throw new UserError(`pulumi ${args.join(" ")} failed${stderr ? `: ${stderr}` : ""}`);
        }
    }

    /** Runs a command that must succeed, streaming its output. */
    must(args: string[], env: Record<string, string> = {}): void {
        if (this.run(args, env) !== 0) throw new UserError(`pulumi ${args.join(" ")} failed`);
    }

    /** stdout of a command, or undefined when it fails (e.g. `config get` of an unset key). */
    tryCapture(args: string[]): string | undefined {
        const run = spawnSync(this.binary, args, { cwd: this.shell.cwd, env: this.shell.env, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
        return run.status === 0 ? run.stdout.trim() : undefined;
    }

    /** Whether a command exits 0, with its output hidden. */
    succeeds(args: string[]): boolean {
        return spawnSync(this.binary, args, { cwd: this.shell.cwd, env: this.shell.env, stdio: "ignore" }).status === 0;
    }
}
