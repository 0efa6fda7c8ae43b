import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, closeSync, openSync } from "node:fs";
import { createServer } from "node:net";
import { runChild } from "../../support/childProcess";

/** A long-running process of ours: its own session (like `setsid`), output to a log file, stopped by PID. */
export interface Daemon {
    name: string;
    pid: number;
    log: string;
    /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
    stop(graceMs?: number): Promise<void>;
    /** Whether the process has exited. */
    exited(): boolean;
    /** Resolves when the process has exited. */
    readonly exit: Promise<void>;
}

export function startDaemon(name: string, command: string, args: string[], options: { log: string; env?: NodeJS.ProcessEnv; cwd?: string }): Daemon {
    const out = openSync(options.log, "a");
    const child: ChildProcess = spawn(command, args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        // detached: its own session and process group, so nothing that signals our group reaches it.
        detached: true,
        stdio: ["ignore", out, out],
    });
    closeSync(out);
    child.unref();
    let done = false;
    const exit = new Promise<void>((resolve) => child.once("exit", () => {
        done = true;
        resolve();
    }));
    if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
    const pid = child.pid;
    return {
        name,
        pid,
        log: options.log,
        exited: () => done,
        exit,
        async stop(graceMs = 10_000) {
            if (done) return;
            process.kill(pid, "SIGTERM");
            // A referenced timer: the child is unref'd, so without it this process could exit mid-stop.
            let timer: NodeJS.Timeout | undefined;
            const grace = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
            const stopped = await Promise.race([exit.then(() => true), grace]);
            clearTimeout(timer);
            if (!stopped && !done) {
                process.kill(pid, "SIGKILL");
                await exit;
            }
        },
    };
}

/**
 * A daemon started again whenever it exits before `stop()`, up to `maxRestarts` times, each restart noted in its
 * log. For a process whose state lives elsewhere (kwok keeps none: it reconciles from the API server, as a
 * restarted kubelet does). `pid` is the current process's.
 */
export function startRestartingDaemon(name: string, command: string, args: string[], options: { log: string; env?: NodeJS.ProcessEnv; cwd?: string; maxRestarts?: number }): Daemon {
    const maxRestarts = options.maxRestarts ?? 5;
    let stopping = false;
    let restarts = 0;
    let ended!: () => void;
    const exit = new Promise<void>((resolve) => (ended = resolve));
    let current!: Daemon;
    const start = () => {
        current = startDaemon(name, command, args, options);
        void current.exit.then(() => {
            if (stopping || restarts >= maxRestarts) return ended();
            restarts += 1;
            appendFileSync(options.log, `\n--- ${name} exited; restart ${restarts} of ${maxRestarts} ---\n`);
            start();
        });
    };
    start();
    return {
        name,
        get pid() {
            return current.pid;
        },
        log: options.log,
        exited: () => current.exited() && (stopping || restarts >= maxRestarts),
        exit,
        async stop(graceMs) {
            stopping = true;
            await current.stop(graceMs);
        },
    };
}

/** Runs a short-lived command; resolves with its stdout, rejects with `<name> <args>: <stderr>`. */
export async function runCommand(command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string; input?: string }): Promise<string> {
    const run = await runChild(command, args, { ...options, maxBuffer: 256 * 1024 * 1024 });
    if (run.code !== 0) throw new Error(`${command.split("/").pop()} ${args.join(" ")}: ${run.stderr.trim() || `exit ${run.code}`}`);
    return run.stdout;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            const port = typeof address === "object" && address ? address.port : 0;
            server.close(() => resolve(port));
        });
    });
}

/**
 * Polls `check` until it returns a value other than undefined, at most `attempts` times `intervalMs` apart.
 * Throws with `what` and the last error when it never does.
 */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, attempts = 120, intervalMs = 500): Promise<T> {
    let last: unknown;
    for (let i = 0; i < attempts; i++) {
        try {
            const value = await check();
            if (value !== undefined) return value;
        } catch (error) {
            last = error;
        }
        await new Promise((r) => setTimeout(r, intervalMs));
    }
    throw new Error(`gave up waiting for ${what}${last ? `: ${last instanceof Error ? last.message : String(last)}` : ""}`);
}
