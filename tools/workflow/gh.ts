import { spawnSync } from "node:child_process";
import { UserError } from "../cli/userError";
import type { Shell } from "./shell";

/** The GitHub CLI, run without a shell (authenticated by GH_TOKEN in CI), like Kubectl and PulumiCli beside it. */
export class GitHubCli {
    constructor(private readonly shell: Shell, private readonly binary = "gh") {}

    private run(args: string[]) {
        return spawnSync(this.binary, args, { cwd: this.shell.cwd, env: this.shell.env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    }

    /** Runs a command that must succeed; returns its stdout. A failure is a UserError naming the command. */
    must(args: string[]): string {
        const run = this.run(args);
        if (run.error) throw new UserError(`gh is not on PATH (${run.error.message})`);
        if (run.status !== 0) throw new UserError(`gh ${args.slice(0, 2).join(" ")} failed: ${run.stderr.trim() || `exit ${run.status}`}`);
        return run.stdout;
    }

    /** stdout of a command, trimmed, or undefined when it fails (gh missing, signed out, no such pull request). */
    tryCapture(args: string[]): string | undefined {
        const run = this.run(args);
        return run.status === 0 ? run.stdout.trim() : undefined;
    }
}
