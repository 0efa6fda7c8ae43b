import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { breakdown, edgesFromState, requestRate, stepTimes, type StepEvent } from "../../../../tools/bench/timeline";

const urn = (type: string, name: string) => `urn:pulumi:apps::webstack::${type}::${name}`;
const provider = urn("pulumi:providers:kubernetes", "k8s");
const namespace = urn("kubernetes:core/v1:Namespace", "apps");
const deploy = (i: number) => urn("kubernetes:apps/v1:Deployment", `app-${i}`);
const component = urn("webstack:app:WebApp", "app-0");

const event = (t: number, kind: StepEvent["kind"], u: string): StepEvent => ({ t, kind, urn: u, type: u.split("::")[2], op: "create" });

// The provider from 0 to 100, the namespace 100 to 200, then two Deployments ready at 200: one starts at once
// (works 1000 ms), the other waits 300 ms for a free slot (works 500 ms). A component's events are no step.
const events = [
    event(0, "start", provider), event(100, "end", provider),
    event(100, "start", namespace), event(200, "end", namespace),
    event(150, "start", component), event(160, "end", component),
    event(200, "start", deploy(0)), event(1200, "end", deploy(0)),
    event(500, "start", deploy(1)), event(1000, "end", deploy(1)),
];
const state = {
    checkpoint: {
        latest: {
            resources: [
                { urn: provider, dependencies: [] },
                { urn: namespace, provider: `${provider}::id-1`, dependencies: [] },
                { urn: deploy(0), provider: `${provider}::id-1`, parent: component, dependencies: [namespace] },
                { urn: deploy(1), provider: `${provider}::id-1`, parent: component, dependencies: [namespace] },
            ],
        },
    },
};

describe("the engine bench's timeline", () => {
    it("reads provider references without their id", () => {
        assert.deepEqual(edgesFromState(state).get(namespace), { parent: undefined, provider, dependencies: [] });
    });

    it("times each custom resource's step, and how long it waited once ready", () => {
        const times = stepTimes(events, edgesFromState(state));
        assert.deepEqual(times.map((t) => [t.type, t.end - t.start, t.queued]), [
            ["pulumi:providers:kubernetes", 100, undefined],
            ["kubernetes:core/v1:Namespace", 100, 0],
            ["kubernetes:apps/v1:Deployment", 1000, 0],
            ["kubernetes:apps/v1:Deployment", 500, 300],
        ]);
    });

    it("splits an operation into start-up, steps and finish, and measures how many steps ran at once", () => {
        const b = breakdown({ started: -400, ended: 1500, events }, 2, edgesFromState(state));
        assert.equal(b.startupMs, 400);
        assert.equal(b.stepsMs, 1200);
        assert.equal(b.finishMs, 300);
        assert.equal(b.steps, 4);
        assert.equal(b.workingMs, 1700);
        assert.equal(b.queuedMs, 300);
        // app-1 was ready at 200 and started at 500: with two slots, the first took one, so no slot was short.
        assert.equal(b.queuedForSlotMs, 0);
        assert.equal(breakdown({ started: -400, ended: 1500, events }, 1, edgesFromState(state)).queuedForSlotMs, 300);
        assert.equal(b.maxInFlight, 2);
        // Two in flight from 500 to 1000: 500 of the 1200 ms window.
        assert.equal(b.atLimit, 500 / 1200);
        assert.equal(b.meanInFlight, 1700 / 1200);
        assert.deepEqual(b.workingByType.Deployment, { steps: 2, meanMs: 750 });
    });

    it("without dependencies, counts nothing as queued", () => {
        assert.equal(breakdown({ started: 0, ended: 1500, events }, 8).queuedMs, 0);
    });

    it("counts one client's requests in an audit log, per second and by verb", () => {
        const line = (at: string, verb: string, agent = "pulumi-kubernetes/4.34.2 (linux/amd64) client-go/v0.35") =>
            JSON.stringify({ requestReceivedTimestamp: at, verb, userAgent: agent });
        const lines = [
            line("2026-01-01T00:00:00.100Z", "patch"),
            line("2026-01-01T00:00:00.900Z", "get"),
            line("2026-01-01T00:00:01.500Z", "patch"),
            line("2026-01-01T00:00:01.600Z", "patch", "kubectl/v1.35.4"),
            line("2026-01-01T00:00:09.000Z", "patch"),
            "",
        ];
        const from = Date.parse("2026-01-01T00:00:00Z");
        const rate = requestRate(lines, from, from + 2000, "pulumi-kubernetes/");
        assert.deepEqual(rate, { requests: 3, perSecond: 1.5, peakPerSecond: 2, byVerb: { patch: 2, get: 1 } });
    });
});
