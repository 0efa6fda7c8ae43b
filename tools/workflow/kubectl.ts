import { spawnSync } from "node:child_process";
import { UserError } from "../cli/userError";
import type { Shell } from "./shell";

/**
 * kubectl, run without a shell, on the cluster $KUBECONFIG names (in CI: the shared stack's kubeconfig output,
 * whose exec plugin signs in as the job's own cloud identity).
 */
export class Kubectl {
    constructor(private readonly shell: Shell, private readonly binary = "kubectl") {}

    /** Runs a command that must succeed, with `input` on stdin; returns its stdout. */
    must(args: string[], input?: string): string {
        const run = spawnSync(this.binary, args, { cwd: this.shell.cwd, env: this.shell.env, input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
        if (run.error) throw new UserError(`kubectl is not on PATH (${run.error.message}); install it: https://kubernetes.io/docs/tasks/tools/`);
        if (run.status !== 0) throw new UserError(`kubectl ${args.join(" ")} failed: ${run.stderr.trim() || `exit ${run.status}`}`);
        return run.stdout;
    }
}
