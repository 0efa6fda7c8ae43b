import { projectDir } from "../../infra/config/project";
import type { CommandIO } from "../../tools/workflow/shell";
import type { ChildRun } from "./childProcess";

/** One of the project's commands run in this process as its CLI runs it: its exit code and the lines it printed. */
export function inProcess(command: (args: string[], io: CommandIO) => number, args: string[], env: NodeJS.ProcessEnv = process.env): ChildRun {
    const out: string[] = [];
    const err: string[] = [];
    const code = command(args, { cwd: projectDir, env, out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}
