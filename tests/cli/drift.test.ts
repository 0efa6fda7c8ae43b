import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fakeIssuesGh, fakePreviewPulumi, stackInProcess } from "../support/standIns";

const urn = (type: string, name: string) => `urn:pulumi:dev::webstack::${type}::${name}`;
const same = [{ op: "same", urn: urn("kubernetes:apps/v1:Deployment", "web-server") }, { op: "refresh", urn: urn("kubernetes:core/v1:Service", "web-server") }];
const drifted = [...same, { op: "update", urn: urn("gcp:container/nodePool:NodePool", "webstack-dev-general") }];
const env = { GITHUB_RUN_ID: "42", GITHUB_REPOSITORY: "acme/webstack", GITHUB_SERVER_URL: "https://github.com" };
const issueCalls = (gh: { issueCalls(): string[][] }) => gh.issueCalls();

describe("npm run stack -- drift: a scheduled refresh and preview keeps one issue per stack", () => {
    it("previews after a refresh as a read-only identity may: nothing is written", () => {
        const pulumi = fakePreviewPulumi(same);
        stackInProcess(["drift", "dev", "--repo", "acme/webstack"], [pulumi, fakeIssuesGh([])], env);
        assert.deepEqual(pulumi.calls().map((c) => c.join(" ")), ["version", "preview --refresh --json --stack dev"]);
    });

    it("drift, no issue open: opens 'Drift on dev' listing what differs, and fails", () => {
        const gh = fakeIssuesGh([]);
        const result = stackInProcess(["drift", "dev", "--repo", "acme/webstack"], [fakePreviewPulumi(drifted), gh], env);
        assert.equal(result.code, 1);
        const calls = issueCalls(gh);
        assert.equal(calls.length, 1);
        assert.deepEqual(calls[0].slice(0, 6), ["issue", "create", "--repo", "acme/webstack", "--title", "Drift on dev"]);
        assert.match(calls[0][7], /finds 1 resource whose live state differs/);
        assert.match(calls[0][7], /`update gcp:container\/nodePool:NodePool::webstack-dev-general`/);
        assert.match(calls[0][7], /\(\[run\]\(https:\/\/github\.com\/acme\/webstack\/actions\/runs\/42\)\)/);
        assert.doesNotMatch(calls[0][7], /web-server/, "unchanged and refreshed resources are not drift");
    });

    it("drift, its issue open: comments on that one issue (never a second), and fails", () => {
        const gh = fakeIssuesGh([{ number: 7, title: "Drift on prod" }, { number: 9, title: "Drift on dev" }]);
        const result = stackInProcess(["drift", "dev", "--repo", "acme/webstack"], [fakePreviewPulumi(drifted), gh], env);
        assert.equal(result.code, 1);
        assert.deepEqual(issueCalls(gh).map((c) => c.slice(0, 3)), [["issue", "comment", "9"]]);
    });

    it("no drift, its issue open: closes it, and passes", () => {
        const gh = fakeIssuesGh([{ number: 9, title: "Drift on dev" }]);
        const result = stackInProcess(["drift", "dev", "--repo", "acme/webstack"], [fakePreviewPulumi(same), gh], env);
        assert.equal(result.code, 0, result.stderr);
        const calls = issueCalls(gh);
        assert.deepEqual(calls.map((c) => c.slice(0, 3)), [["issue", "close", "9"]]);
        assert.match(calls[0].at(-1)!, /match the program again/);
    });

    it("no drift, no issue: touches nothing, and passes", () => {
        const gh = fakeIssuesGh([{ number: 7, title: "Drift on prod" }]);
        const result = stackInProcess(["drift", "dev", "--repo", "acme/webstack"], [fakePreviewPulumi(same), gh], env);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(issueCalls(gh), []);
    });
});
