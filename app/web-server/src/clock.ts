import { setTimeout as delay } from "node:timers/promises";

/** Time as the server sees it. Injected so tests drive waits and timeouts without wall-clock windows. */
export interface Clock {
    /** Milliseconds since the epoch (comparable with file modification times). */
    now(): number;
    /** Resolves after `ms` milliseconds; rejects once `signal` aborts. */
    sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
    now: () => Date.now(),
    sleep: (ms, signal) => delay(ms, undefined, { signal }),
};
