import { mkdir, open, readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import type { Counter } from "./counter";
import { withLock, type LockOptions } from "./lock";

interface Waiter {
    resolve(visit: number): void;
    reject(error: unknown): void;
}

/**
 * The visit count, stored in `<dataDir>/visits` and shared by every replica that mounts the volume.
 *
 * Each write is a read-modify-write under a lock on the data dir (see withLock), so replicas never overwrite
 * each other's visits; it replaces the file atomically (temp file, fsync, rename), so a crash leaves either
 * the old or the new count, never a torn one, and readers need no lock. Writes run one at a time per process,
 * and a write takes every visit counted since the last one, so a burst costs one locked write, not one per
 * request.
 */
export class VisitCounter implements Counter {
    /** Visits waiting for the next write, in arrival order. */
    private queued: Waiter[] = [];
    /** Visits whose write failed; the next write records them. */
    private carried = 0;
    /** The chain of writes; each write starts after the previous one settled. */
    private writes: Promise<void> = Promise.resolve();

    private constructor(
        private readonly file: string,
        /** The count on disk when this process last read or wrote it. */
        private known: number,
        private readonly lockOptions: LockOptions,
    ) {}

    /** Opens the counter in `dataDir` (created if missing), continuing from the stored count (0 if none). */
    static async open(dataDir: string, lockOptions: LockOptions = {}): Promise<VisitCounter> {
        await mkdir(dataDir, { recursive: true });
        const file = join(dataDir, "visits");
        return new VisitCounter(file, await readCount(file), lockOptions);
    }

    /** The count as this process last saw it, plus its visits not yet on disk. */
    get current(): number {
        return this.known + this.carried + this.queued.length;
    }

    /** The count on disk now (every replica's visits), plus this process's visits not yet on disk. */
    async read(): Promise<number> {
        this.known = await readCount(this.file);
        return this.current;
    }

    /** Counts one visit; resolves with its number once it is on disk. */
    increment(): Promise<number> {
        const visit = new Promise<number>((resolve, reject) => this.queued.push({ resolve, reject }));
        void this.persist().catch(() => undefined);
        return visit;
    }

    /** Resolves once every visit counted so far is on disk; the volume needs no letting go. */
    close(): Promise<void> {
        return this.persist();
    }

    private persist(): Promise<void> {
        const write = this.writes.then(() => this.writeBatch());
        // A failed write fails its own visits only; the next write records them with its own.
        this.writes = write.catch(() => undefined);
        return write;
    }

    private async writeBatch(): Promise<void> {
        const batch = this.queued.splice(0);
        const carried = this.carried;
        if (batch.length + carried === 0) return;
        try {
            const base = await withLock(`${this.file}.lock`, async () => {
                const onDisk = await readCount(this.file);
                await this.replace(onDisk + carried + batch.length);
                return onDisk + carried;
            }, this.lockOptions);
            this.carried -= carried;
            this.known = base + batch.length;
            batch.forEach((waiter, i) => waiter.resolve(base + i + 1));
        } catch (error) {
            this.carried += batch.length;
            for (const waiter of batch) waiter.reject(error);
            throw error;
        }
    }

    private async replace(value: number): Promise<void> {
        const temp = `${this.file}.tmp`;
        const handle = await open(temp, "w", 0o600);
        try {
            await handle.writeFile(`${value}\n`);
            await handle.sync();
        } finally {
            await handle.close();
        }
        await rename(temp, this.file);
    }
}

async function readCount(file: string): Promise<number> {
    let text: string;
    try {
        text = await readFile(file, "utf8");
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
        throw error;
    }
    const count = Number(text.trim());
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(count)) {
        // Starting again from 0 would silently lose the history; an operator should look at the volume.
        throw new Error(`${file} does not hold a visit count (found ${JSON.stringify(text.slice(0, 40))})`);
    }
    return count;
}
