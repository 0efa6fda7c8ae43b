import { mkdir, rmdir, stat } from "node:fs/promises";
import { systemClock, type Clock } from "./clock";

export interface LockOptions {
    /** A lock older than this is taken to belong to a process that died holding it. Default 10 s. */
    staleMs?: number;
    /** Give up (and fail the caller) after waiting this long. Default 5 s. */
    timeoutMs?: number;
    /** Default the system clock. */
    clock?: Clock;
}

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
    const clock = options.clock ?? systemClock;
    const deadline = clock.now() + (options.timeoutMs ?? 5_000);
    while (!(await tryCreate(path))) {
        if (await isStale(path, staleMs, clock)) await breakStale(path, staleMs, clock);
        else if (clock.now() > deadline) throw new Error(`timed out waiting for the lock ${path}`);
        else await clock.sleep(2 + Math.random() * 8);
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

async function isStale(path: string, staleMs: number, clock: Clock): Promise<boolean> {
    try {
        return clock.now() - (await stat(path)).mtimeMs > staleMs;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw error;
    }
}

async function breakStale(path: string, staleMs: number, clock: Clock): Promise<void> {
    const breaker = `${path}.break`;
    if (!(await tryCreate(breaker))) {
        // Breaking takes microseconds; a breaker this old died mid-way.
        if (await isStale(breaker, staleMs, clock)) await rmdir(breaker).catch(() => undefined);
        return;
    }
    try {
        if (await isStale(path, staleMs, clock)) await rmdir(path).catch(() => undefined);
    } finally {
        await rmdir(breaker).catch(() => undefined);
    }
}
