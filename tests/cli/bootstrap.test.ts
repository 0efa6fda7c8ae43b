import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fakeBootstrapPulumi, stackInProcess } from "../support/standIns";

const ups = (calls: string[][]) => calls.filter((c) => c[0] === "up").map((c) => c.join(" "));

describe("npm run stack -- bootstrap: a new stack's first up waits for no image", () => {
    it("a new stack: created, then one up with WEBSTACK_BOOTSTRAP, which leaves the apps built here out", () => {
        const pulumi = fakeBootstrapPulumi({ stackExists: false });
        const result = stackInProcess(["bootstrap", "dev"], [pulumi]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(pulumi.calls().filter((c) => c[0] === "stack" && c[1] !== "output").map((c) => c.join(" ")), ["stack select dev", "stack init dev"]);
        assert.deepEqual(ups(pulumi.calls()), ["up --yes --skip-preview --stack dev"]);
        assert.deepEqual(pulumi.upBootstrapEnv(), ["true"]);
        assert.match(result.stdout, /leaves out web-server until their images are pushed/);
    });

    it("a stack that exists but never finished an up (no registry output): bootstrapped, not created again", () => {
        const pulumi = fakeBootstrapPulumi({ stackExists: true });
        assert.equal(stackInProcess(["bootstrap", "prod"], [pulumi]).code, 0);
        assert.ok(!pulumi.calls().some((c) => c.join(" ") === "stack init prod"));
        assert.deepEqual(pulumi.upBootstrapEnv(), ["true"]);
    });

    it("a stack with its registry: no up at all (a bootstrap up would remove its apps)", () => {
        const pulumi = fakeBootstrapPulumi({ stackExists: true, registry: "europe-west1-docker.pkg.dev/acme-webstack-dev/webstack" });
        const result = stackInProcess(["bootstrap", "dev"], [pulumi]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(ups(pulumi.calls()), []);
        assert.match(result.stdout, /has its registry .*nothing to bootstrap/);
    });

    it("a tenant stack is refused: its images are built before its first up", () => {
        const pulumi = fakeBootstrapPulumi({ stackExists: false });
        const result = stackInProcess(["bootstrap", "pr-42"], [pulumi]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /stack bootstrap: pr-42 is a tenant stack/);
        assert.deepEqual(pulumi.calls(), []);
    });
});
