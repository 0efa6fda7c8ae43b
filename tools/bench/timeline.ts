// Where the time of one `pulumi up` or `preview` goes, from the engine's event stream: each step's start (its
// resourcePreEvent) and end (its resOutputsEvent), and the dependencies the state file records. Pure functions of
// plain data, so the bench (which runs the engine) and the unit tests share them.

/** One engine event of a step, as the engine tier's run-stack records it (ms since the epoch). */
export interface StepEvent {
    t: number;
    kind: "start" | "end" | "failed";
    urn: string;
    type: string;
    op: string;
    custom?: boolean;
}

/** What a resource waits for before its step may start: its parent, its provider and its dependencies (URNs). */
export interface ResourceEdges {
    parent?: string;
    provider?: string;
    dependencies: string[];
}

export interface StepTime {
    urn: string;
    type: string;
    start: number;
    end: number;
    /** From the moment all it waits for had ended (or its parent had started) to its own start; undefined without edges. */
    queued?: number;
}

export interface TimelineBreakdown {
    /** From the operation's start to its first step: the CLI, the program's start-up, the provider's. */
    startupMs: number;
    /** From the first step's start to the last step's end. */
    stepsMs: number;
    /** After the last step: the last snapshot, plugins shut down, the CLI's exit. */
    finishMs: number;
    /** Steps of custom resources (Kubernetes objects, providers). */
    steps: number;
    /** Sum over those steps of start → end: the provider's work, its client's throttle, and the awaits. */
    workingMs: number;
    /** Sum over those steps of ready → start: waiting for a free engine slot, or for the program to register it. */
    queuedMs: number;
    /** The part of queuedMs with every engine slot taken (`limit` steps in flight): waiting in line for a slot. */
    queuedForSlotMs: number;
    /** Steps in flight at once: time-weighted mean over the steps window, and the most. */
    meanInFlight: number;
    maxInFlight: number;
    /** Share of the steps window with at least `limit` steps in flight (the engine's --parallel). */
    atLimit: number;
    /** Mean working ms by resource type (the type's last segment: Deployment, Service, ...). */
    workingByType: Record<string, { steps: number; meanMs: number }>;
}

/** A state file's resources as edges by URN (provider references are `<urn>::<id>`). */
export function edgesFromState(state: { checkpoint?: { latest?: { resources?: { urn: string; parent?: string; provider?: string; dependencies?: string[] }[] } } }): Map<string, ResourceEdges> {
    const edges = new Map<string, ResourceEdges>();
    for (const r of state.checkpoint?.latest?.resources ?? []) {
        const provider = r.provider ? r.provider.slice(0, r.provider.lastIndexOf("::")) : undefined;
        edges.set(r.urn, { parent: r.parent, provider, dependencies: r.dependencies ?? [] });
    }
    return edges;
}

/** Each custom resource's step: its start and end, and how long it was ready before it started. */
export function stepTimes(events: StepEvent[], edges?: Map<string, ResourceEdges>): StepTime[] {
    const starts = new Map<string, StepEvent>();
    const ends = new Map<string, number>();
    for (const e of events) {
        if (e.kind === "start" && !starts.has(e.urn)) starts.set(e.urn, e);
        else if (e.kind !== "start") ends.set(e.urn, e.t);
    }
    const isCustom = (e: StepEvent) => e.custom ?? (e.type.startsWith("pulumi:providers:") || e.type.startsWith("kubernetes:"));
    const times: StepTime[] = [];
    for (const [urn, start] of starts) {
        const end = ends.get(urn);
        if (end === undefined || !isCustom(start)) continue;
        const edge = edges?.get(urn);
        let queued: number | undefined;
        if (edge) {
            const waitedFor = [...edge.dependencies, ...(edge.provider ? [edge.provider] : [])].map((u) => ends.get(u) ?? starts.get(u)?.t);
            const parentStart = edge.parent ? starts.get(edge.parent)?.t : undefined;
            const ready = Math.max(...[...waitedFor, parentStart].filter((t): t is number => t !== undefined));
            queued = Number.isFinite(ready) ? Math.max(0, start.t - ready) : undefined;
        }
        times.push({ urn, type: start.type, start: start.t, end, queued });
    }
    return times.sort((a, b) => a.start - b.start);
}

/** The breakdown of one operation that ran from `started` to `ended`, with the engine's parallelism `limit`. */
export function breakdown(timeline: { started: number; ended: number; events: StepEvent[] }, limit: number, edges?: Map<string, ResourceEdges>): TimelineBreakdown {
    const steps = stepTimes(timeline.events, edges);
    const first = steps.length ? Math.min(...steps.map((s) => s.start)) : timeline.ended;
    const last = steps.length ? Math.max(...steps.map((s) => s.end)) : timeline.ended;
    const window = Math.max(1, last - first);
    // A sweep over starts (+1) and ends (-1), ends first at a tie: time-weighted concurrency.
    const marks = steps.flatMap((s) => [{ t: s.start, d: 1 }, { t: s.end, d: -1 }]).sort((a, b) => a.t - b.t || a.d - b.d);
    let inFlight = 0;
    let previous = first;
    let weighted = 0;
    let atLimitMs = 0;
    let maxInFlight = 0;
    /** The intervals with every slot taken. */
    const full: [number, number][] = [];
    for (const mark of marks) {
        weighted += inFlight * (mark.t - previous);
        if (inFlight >= limit && mark.t > previous) {
            atLimitMs += mark.t - previous;
            full.push([previous, mark.t]);
        }
        previous = mark.t;
        inFlight += mark.d;
        maxInFlight = Math.max(maxInFlight, inFlight);
    }
    const overlapWithFull = (from: number, to: number) => full.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, to) - Math.max(a, from)), 0);
    const byType = new Map<string, number[]>();
    for (const s of steps) {
        const type = s.type.split(":").pop()!;
        byType.set(type, [...(byType.get(type) ?? []), s.end - s.start]);
    }
    return {
        startupMs: first - timeline.started,
        stepsMs: last - first,
        finishMs: timeline.ended - last,
        steps: steps.length,
        workingMs: steps.reduce((sum, s) => sum + s.end - s.start, 0),
        queuedMs: steps.reduce((sum, s) => sum + (s.queued ?? 0), 0),
        queuedForSlotMs: steps.reduce((sum, s) => sum + (s.queued ? overlapWithFull(s.start - s.queued, s.start) : 0), 0),
        meanInFlight: weighted / window,
        maxInFlight,
        atLimit: atLimitMs / window,
        workingByType: Object.fromEntries([...byType].sort(([a], [b]) => a.localeCompare(b)).map(([type, ms]) => [type, { steps: ms.length, meanMs: ms.reduce((a, b) => a + b, 0) / ms.length }])),
    };
}

/** Requests of one client in an audit log (JSON lines) between `from` and `to` (ms since the epoch). */
export interface RequestRate {
    requests: number;
    /** Mean requests per second over [from, to]. */
    perSecond: number;
    /** The most requests in any one second. */
    peakPerSecond: number;
    byVerb: Record<string, number>;
}

export function requestRate(auditLines: string[], from: number, to: number, userAgentPrefix: string): RequestRate {
    const perSecond = new Map<number, number>();
    const byVerb: Record<string, number> = {};
    let requests = 0;
    for (const line of auditLines) {
        if (!line.trim()) continue;
        const entry = JSON.parse(line) as { requestReceivedTimestamp?: string; verb?: string; userAgent?: string };
        if (!entry.userAgent?.startsWith(userAgentPrefix) || !entry.requestReceivedTimestamp) continue;
        const t = Date.parse(entry.requestReceivedTimestamp);
        if (t < from || t > to) continue;
        requests += 1;
        const second = Math.floor(t / 1000);
        perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
        const verb = entry.verb ?? "?";
        byVerb[verb] = (byVerb[verb] ?? 0) + 1;
    }
    return {
        requests,
        perSecond: requests / Math.max(0.001, (to - from) / 1000),
        peakPerSecond: Math.max(0, ...perSecond.values()),
        byVerb,
    };
}
