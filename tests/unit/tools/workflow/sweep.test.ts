import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseAge, planSweep, type ListedStack, type PullRequestState } from "../../../../tools/workflow/sweep";
import { fakeGh, fakeKubectl, fakePulumi, stackInProcess } from "../../../support/standIns";

const now = new Date("2026-06-10T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const states: Record<number, PullRequestState> = { 1: "CLOSED", 2: "OPEN", 3: "MERGED" };

const listed: ListedStack[] = [
    { name: "dev", lastUpdate: hoursAgo(2000) },
    { name: "prod", lastUpdate: hoursAgo(2000) },
    { name: "pr-1", lastUpdate: hoursAgo(1) },
    { name: "pr-2", lastUpdate: hoursAgo(500) },
    { name: "acme/pr-3", lastUpdate: hoursAgo(5) },
    { name: "pr-4", lastUpdate: hoursAgo(500) },
    { name: "dev-alice", lastUpdate: hoursAgo(96) },
    { name: "dev-bob", lastUpdate: hoursAgo(1) },
    { name: "dev-carol" },
    { name: "dev-dave", lastUpdate: hoursAgo(500), updateInProgress: true },
    { name: "dev-Erin", lastUpdate: hoursAgo(500) },
];

describe("stack sweep: which tenant stacks go", () => {
    it("pr-* whose PR is closed or merged, dev-* idle past the age; never dev, prod, a running update or an unknown state", () => {
        const plan = planSweep(listed, { now, maxIdleMs: parseAge("72h"), pullRequestState: (n) => states[n] });
        assert.deepEqual(plan.map((d) => `${d.action} ${d.stack}: ${d.reason}`), [
            "remove pr-1: pull request #1 is closed",
            "keep pr-2: pull request #2 is open",
            "remove acme/pr-3: pull request #3 is merged",
            "keep pr-4: the state of pull request #4 could not be read",
            "remove dev-alice: idle for 96h (over 72h)",
            "keep dev-bob: updated 1h ago",
            "keep dev-carol: never updated (no last update time)",
            "keep dev-dave: an update is running",
            "keep dev-Erin: its name is not a DNS label (a stack from before names had to be): its namespace was derived from it, remove it by hand (npm run stack -- destroy)",
        ]);
    });

    it("the age is configurable", () => {
        const plan = planSweep(listed, { now, maxIdleMs: parseAge("7d"), pullRequestState: (n) => states[n] });
        assert.equal(plan.find((d) => d.stack === "dev-alice")?.action, "keep");
        assert.equal(parseAge("90m"), 90 * 60_000);
        assert.throws(() => parseAge("3 days"), /--older-than must be a duration such as 72h/);
        assert.throws(() => parseAge("0h"), /--older-than/);
    });
});

describe("npm run stack -- sweep, with stand-in pulumi and gh", () => {
    // Last-update times far on either side of the age, so the real clock the command reads cannot tip a result.
    const stacks = [
        { name: "prod", lastUpdate: "2020-01-01T00:00:00.000Z" },
        { name: "pr-7", lastUpdate: new Date().toISOString() },
        { name: "pr-8", lastUpdate: "2020-01-01T00:00:00.000Z" },
        { name: "dev-old", lastUpdate: "2020-01-01T00:00:00.000Z" },
        { name: "dev-new", lastUpdate: new Date(Date.now() + 3_600_000).toISOString() },
    ];
    const line = (c: string[]) => c.join(" ");

    it("--dry-run prints the plan and changes nothing", () => {
        const pulumi = fakePulumi({ existingStack: true, stacks });
        const gh = fakeGh({ 7: "CLOSED", 8: "OPEN" });
        const kubectl = fakeKubectl();
        const result = stackInProcess(["sweep", "--dry-run"], [pulumi, gh, kubectl]);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /would remove pr-7: pull request #7 is closed/);
        assert.match(result.stdout, /keeping pr-8: pull request #8 is open/);
        assert.match(result.stdout, /would remove dev-old: idle for \d+h \(over 72h\)/);
        assert.match(result.stdout, /keeping dev-new/);
        assert.doesNotMatch(result.stdout, /prod/);
        assert.ok(!pulumi.calls().some((c) => c[0] === "destroy" || line(c).startsWith("stack rm")));
        assert.deepEqual(kubectl.calls(), []);
        assert.deepEqual(gh.calls().map((c) => c[2]).sort(), ["7", "8"]);
    });

    it("removes each stack it picks, and only those, without running anything from their state", () => {
        const pulumi = fakePulumi({ existingStack: true, stacks });
        const gh = fakeGh({ 7: "CLOSED", 8: "OPEN" });
        const kubectl = fakeKubectl();
        const result = stackInProcess(["sweep", "--older-than", "72h"], [pulumi, gh, kubectl]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(pulumi.calls().map(line).filter((c) => c.startsWith("stack rm")), ["stack rm --force --yes --stack pr-7", "stack rm --force --yes --stack dev-old"]);
        assert.ok(!pulumi.calls().some((c) => ["destroy", "up", "refresh", "preview"].includes(c[0])), "no pulumi command that runs a provider");
        assert.deepEqual(kubectl.calls().map(line), [
            "delete namespace pr-7 --ignore-not-found --wait=true",
            "delete deployments,services,ingresses,networkpolicies,configmaps,secrets,persistentvolumeclaims,horizontalpodautoscalers,poddisruptionbudgets -l app.kubernetes.io/part-of=webstack -n dev-old --ignore-not-found --wait=true",
        ], "a pull request's namespace goes; in a developer's (the shared stack's), only the stack's objects");
    });
});
