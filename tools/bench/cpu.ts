// CPU accounting for the bench, from /proc (Linux): how busy the whole machine was during a phase, and how much
// of it this process and the children it has waited for used.
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";

/** Busy and total CPU seconds of the whole machine so far (all cores; /proc/stat's first line, ticks of 1/100 s). */
export function machineCpu(): { busy: number; total: number } {
    const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
    const ticks = fields.map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user).
    const idle = ticks[3] + ticks[4];
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) / 100, total: total / 100 };
}

/** CPU seconds of this process and of its children that have exited and been waited for. */
export function ownCpu(): number {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const [utime, stime, cutime, cstime] = stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(11, 15).map(Number);
    return (utime + stime + cutime + cstime) / 100;
}

export const cores = cpus().length;

/** What one phase cost: wall time, the machine's CPU, and the CPU of named parts (their deltas over the phase). */
export interface PhaseCpu {
    wallMs: number;
    /** Busy CPU seconds of the whole machine, and that over wall time × cores. */
    busy: number;
    utilisation: number;
    /** CPU seconds by part (e.g. control plane components, this process's children). */
    parts: Record<string, number>;
}

/**
 * Runs `what`, returning its result and the phase's CPU: the machine's, and `parts()` sampled before and after
 * (each a running total in CPU seconds), as deltas.
 */
export async function measurePhase<T>(what: () => Promise<T>, parts: () => Record<string, number>): Promise<{ result: T; cpu: PhaseCpu }> {
    const [machine0, parts0, start] = [machineCpu(), parts(), performance.now()];
    const result = await what();
    const [machine1, parts1, end] = [machineCpu(), parts(), performance.now()];
    const wallMs = end - start;
    const busy = machine1.busy - machine0.busy;
    const delta = Object.fromEntries(Object.entries(parts1).map(([name, value]) => [name, Math.max(0, value - (parts0[name] ?? 0))]));
    return { result, cpu: { wallMs, busy, utilisation: busy / ((wallMs / 1000) * cores), parts: delta } };
}

/** CPU seconds so far of every process in /proc, with its parent and command name. */
function processTable(): Map<number, { ppid: number; comm: string; cpu: number }> {
    const table = new Map<number, { ppid: number; comm: string; cpu: number }>();
    for (const entry of readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
            const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
            const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
            // proc(5): ppid is field 4, utime and stime 14 and 15; `fields` starts at field 3.
            table.set(Number(entry), { ppid: Number(fields[1]), comm, cpu: (Number(fields[11]) + Number(fields[12])) / 100 });
        } catch {
            // Gone between the listing and the read.
        }
    }
    return table;
}

/**
 * Samples, every `intervalMs`, the CPU of this process's descendants (except those named in `exclude`, e.g. the
 * control plane's daemons, counted elsewhere, and their children), by command name: the engine (`pulumi`), the provider (`pulumi-resource-kubernetes`,
 * truncated by the kernel to 15 characters), the program (`node`). A process's last sample counts, so up to one
 * interval of each process's end is missed.
 */
export class DescendantCpu {
    private readonly seen = new Map<number, { comm: string; cpu: number }>();
    /** CPU of the processes already running at start(), which counts only from there. */
    private readonly baseline = new Map<number, number>();
    private starting = false;
    private timer?: NodeJS.Timeout;

    constructor(private readonly exclude: string[], private readonly intervalMs = 1000) {}

    start(): void {
        this.seen.clear();
        this.baseline.clear();
        this.starting = true;
        this.sample();
        this.starting = false;
        this.timer = setInterval(() => this.sample(), this.intervalMs);
    }

    /** Stops sampling; CPU seconds by command name since start(). */
    stop(): Record<string, number> {
        clearInterval(this.timer);
        this.sample();
        const byComm: Record<string, number> = {};
        for (const { comm, cpu } of this.seen.values()) byComm[comm] = (byComm[comm] ?? 0) + cpu;
        return byComm;
    }

    private sample(): void {
        const table = processTable();
        const ours = new Set<number>([process.pid]);
        // Parents have lower pids only usually; iterate until no new descendant is found.
        for (let changed = true; changed;) {
            changed = false;
            for (const [pid, p] of table) {
                if (!ours.has(pid) && ours.has(p.ppid) && !this.exclude.includes(p.comm)) {
                    ours.add(pid);
                    changed = true;
                }
            }
        }
        ours.delete(process.pid);
        for (const pid of ours) {
            const p = table.get(pid)!;
            if (this.starting) this.baseline.set(pid, p.cpu);
            this.seen.set(pid, { comm: p.comm, cpu: p.cpu - (this.baseline.get(pid) ?? 0) });
        }
    }
}
