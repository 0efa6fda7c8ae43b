import { mkdir, open, readFile, rename } from "node:fs/promises";
import { join } from "node:path";

/**
 * The visit count, kept in memory and persisted to `<dataDir>/visits`.
 *
 * Every write replaces the file atomically (temp file, fsync, rename), so a crash leaves either the old or the
 * new count, never a torn one. Writes run one at a time; a write that starts after several increments stores
 * the latest value once, so bursts cost one write, not one per request. One process owns the file: the volume
 * is ReadWriteOnce and mounted by a single replica.
 */
export class VisitCounter {
    private persisted: number;
    /** The chain of writes; each write starts after the previous one settled. */
    private writes: Promise<void> = Promise.resolve();

    private constructor(
        private readonly file: string,
        private value: number,
    ) {
        this.persisted = value;
    }

    /** Opens the counter in `dataDir` (created if missing), continuing from the stored count (0 if none). */
    static async open(dataDir: string): Promise<VisitCounter> {
        await mkdir(dataDir, { recursive: true });
        const file = join(dataDir, "visits");
        return new VisitCounter(file, await readCount(file));
    }

    /** The count including visits whose write is still pending. */
    get current(): number {
        return this.value;
    }

    /** Counts one visit; resolves with its number once a count at least that high is on disk. */
    async increment(): Promise<number> {
        const value = ++this.value;
        await this.persist();
        return value;
    }

    /** Resolves once every count so far is on disk. */
    async flush(): Promise<void> {
        await this.persist();
    }

    private persist(): Promise<void> {
        const write = this.writes.then(() => this.writeLatest());
        // A failed write fails its own callers only; the next write retries with the latest value.
        this.writes = write.catch(() => undefined);
        return write;
    }

    private async writeLatest(): Promise<void> {
        const value = this.value;
        if (value === this.persisted) return;
        const temp = `${this.file}.tmp`;
        const handle = await open(temp, "w", 0o600);
        try {
            await handle.writeFile(`${value}\n`);
            await handle.sync();
        } finally {
            await handle.close();
        }
        await rename(temp, this.file);
        this.persisted = value;
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
