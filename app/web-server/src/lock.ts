import { mkdir, rmdir, stat } from "node:fs/promises";

export interface LockOptions {
    /** A lock older than this is taken to belong to a process that died holding it. Default 10 s. */
    staleMs?: number;
    /** Give up (and fail the caller) after waiting this long. Default 5 s. */
    timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` while holding an exclusive lock shared by every process that mounts the same directory (the
 * replicas of one Deployment on one ReadWriteOnce volume). The lock is a directory: `mkdir` either creates it
 * or fails, atomically, on any POSIX filesystem, and Node has no flock(2).
 *
 * Holders keep it for milliseconds, so one older than `staleMs` was left by a killed process and is removed.
 * Removal itself happens under a second lock (`<path>.break`), so two waiters that both saw the stale lock
 * cannot remove a fresh one: one breaks it, the other re-checks and finds the new lock young.
 */
export async function withLock<T>(path: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const staleMs = options.staleMs ?? 10_000;
    const deadline = Date.now() + (options.timeoutMs ?? 5_000);
    while (!(await tryCreate(path))) {
        if (await isStale(path, staleMs)) await breakStale(path, staleMs);
        else if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${path}`);
        else await sleep(2 + Math.random() * 8);
    }
    try {
        return await fn();
    } finally {
        await rmdir(path).catch(() => undefined);
    }
}

async function tryCreate(path: string): Promise<boolean> {
    try {
        await mkdir(path);
        return true;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw error;
    }
}

async function isStale(path: string, staleMs: number): Promise<boolean> {
    try {
        return Date.now() - (await stat(path)).mtimeMs > staleMs;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw error;
    }
}

async function breakStale(path: string, staleMs: number): Promise<void> {
    const breaker = `${path}.break`;
    if (!(await tryCreate(breaker))) {
        // Breaking takes microseconds; a breaker this old died mid-way.
        if (await isStale(breaker, staleMs)) await rmdir(breaker).catch(() => undefined);
        return;
    }
    try {
        if (await isStale(path, staleMs)) await rmdir(path).catch(() => undefined);
    } finally {
        await rmdir(breaker).catch(() => undefined);
    }
}
