import { execFile, type ExecFileOptions } from "node:child_process";
import { projectDir } from "../../infra/config/project";

/** How a child process ended: its exit code (-1 when it could not start or was killed) and its output. */
export interface ChildRun {
    code: number;
    stdout: string;
    stderr: string;
}

/**
 * Runs a process to its end; never rejects, a failure is data. Tests that spawn start it while the test files
 * load and await it in the test, so the child runs beside the in-process tests instead of after them.
 */
export function runChild(file: string, args: string[], options: ExecFileOptions & { input?: string } = {}): Promise<ChildRun> {
    const { input, ...execOptions } = options;
    return new Promise((done) => {
        const child = execFile(file, args, { cwd: projectDir, maxBuffer: 64 * 1024 * 1024, ...execOptions, encoding: "utf8" }, (err, stdout, stderr) => {
            done({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr });
        });
        if (input !== undefined) child.stdin?.end(input);
    });
}

/** One of the project's TypeScript CLIs as `npm run` starts it (node + tsx), without npm's own start-up. */
export function runTsx(script: string, args: string[], options: ExecFileOptions = {}): Promise<ChildRun> {
    return runChild(process.execPath, ["--import", "tsx", script, ...args], options);
}
