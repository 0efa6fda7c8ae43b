import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import type { KubeList } from "./support/localCluster";
import { sharedStack } from "./support/stacks";
import { engineTier } from "./support/tier";

interface Checkpoint {
    checkpoint: { latest?: { resources?: { urn: string; type: string; protect?: boolean }[]; pending_operations?: unknown[] } };
}

/** What the real engine refuses: destroying protected prod data, and a stack whose config is invalid. */
describe("guards of the real engine", { concurrency: false }, () => {
    const tier = engineTier();
    const secrets = { webServerToken: `token-${randomBytes(16).toString("hex")}` };

    const checkpoint = (stack: string) => (JSON.parse(tier.engine.stateText(stack)) as Checkpoint).checkpoint.latest ?? {};

    test("invalid config fails before any resource is registered: nothing in state, nothing in the cluster", async () => {
        const config = sharedStack(tier.cluster, secrets);
        const apps = config.plainConfig!["webstack:apps"] as Record<string, Record<string, unknown>>;
        apps.nginx.replicas = -1;
        const namespacesBefore = await tier.cluster.kubectl(["get", "namespaces", "-o", "name"]);
        const up = await tier.engine.run("up", "broken", { ...config, plainConfig: { ...config.plainConfig, "webstack:clustr": "typo" } });
        assert.equal(up.ok, false, "up of an invalid config succeeded");
        const output = `${up.stdout}\n${up.stderr}`;
        assert.match(output, /webstack:apps\.nginx\.replicas/);
        assert.match(output, /webstack:clustr: is not a webstack setting \(did you mean webstack:cluster\?\)/);
        assert.doesNotMatch(output, /\n\s+at .*\(.*\.ts:\d+:\d+\)/, "the error came with a stack trace");
        const resources = checkpoint("broken").resources ?? [];
        assert.deepEqual(resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.urn), []);
        assert.equal(await tier.cluster.kubectl(["get", "namespaces", "-o", "name"]), namespacesBefore);
    });

    test("a prod stack's PVC is protected: destroy fails until it is unprotected, and the data stays", async () => {
        const config = sharedStack(tier.cluster, secrets);
        await tier.engine.ok("up", "prod", { ...config, plainConfig: { ...config.plainConfig, "webstack:prod": true } });
        const claim = (checkpoint("prod").resources ?? []).find((r) => r.type === "kubernetes:core/v1:PersistentVolumeClaim");
        assert.ok(claim, "prod has no PVC");
        assert.equal(claim.protect, true);

        const refused = await tier.engine.run("destroy", "prod");
        assert.equal(refused.ok, false, "destroy of prod's protected PVC succeeded");
        assert.match(`${refused.stdout}\n${refused.stderr}`, /protected/);
        assert.equal(await tier.cluster.kubectl(["get", "pvc", "web-server-data", "-n", "web", "-o", "jsonpath={.status.phase}"]), "Bound");

        await tier.engine.cli(["state", "unprotect", "--all", "--yes", "--stack", "prod"]);
        await tier.engine.ok("destroy", "prod");
        assert.deepEqual(checkpoint("prod").resources ?? [], []);
        // Prod retains its volume data (and the namespace holding it) when the stack lets go of them.
        const claims = await tier.cluster.getJson<KubeList>(["get", "pvc", "-n", "web"]);
        assert.deepEqual(claims.items.map((c) => [c.metadata.name, c.status?.phase]), [["web-server-data", "Bound"]]);
    });
});
