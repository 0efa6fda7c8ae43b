import type { Clock } from "../../app/web-server/src/clock";

interface Sleeper {
    until: number;
    resolve(): void;
}

/**
 * A clock the test moves by hand: `sleep` waits until `advance` passes its deadline, so a test decides exactly
 * when a wait or a timeout ends. With `autoAdvance`, every sleep moves time forward at once (a timeout then
 * expires after as many retries as it allows, instantly).
 */
export class ManualClock implements Clock {
    private time: number;
    private sleepers: Sleeper[] = [];
    private watchers: (() => void)[] = [];

    constructor(private readonly options: { autoAdvance?: boolean; start?: number } = {}) {
        this.time = options.start ?? Date.now();
    }

    now(): number {
        return this.time;
    }

    sleep(ms: number, signal?: AbortSignal): Promise<void> {
        if (this.options.autoAdvance) {
            this.time += ms;
            return Promise.resolve();
        }
        return new Promise((resolve, reject) => {
            const sleeper = { until: this.time + ms, resolve };
            this.sleepers.push(sleeper);
            signal?.addEventListener("abort", () => {
                this.sleepers = this.sleepers.filter((s) => s !== sleeper);
                reject(new Error("aborted"));
            });
            for (const watcher of this.watchers.splice(0)) watcher();
        });
    }

    /** Resolves once something sleeps on this clock. */
    sleeping(): Promise<void> {
        return this.sleepers.length > 0 ? Promise.resolve() : new Promise((resolve) => this.watchers.push(resolve));
    }

    /** Moves time forward by `ms`, waking every sleeper whose time has come. */
    advance(ms: number): void {
        this.time += ms;
        const due = this.sleepers.filter((s) => s.until <= this.time);
        this.sleepers = this.sleepers.filter((s) => s.until > this.time);
        for (const sleeper of due) sleeper.resolve();
    }
}
