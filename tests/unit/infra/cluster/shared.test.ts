import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SharedCluster } from "../../../../infra/cluster/shared";
import { renderProgram } from "../../../../tools/render/render";

/** What a tenant learns from the shared stack before it registers anything. */
const readShared = (stack: string) =>
    renderProgram(async () => {
        const cluster = new SharedCluster("tenant", { stack });
        const before = cluster.cloud;
        const { kubeconfig } = await cluster.read();
        return { before, after: cluster.cloud, hasKubeconfig: kubeconfig !== undefined };
    });

describe("SharedCluster.read: the shared stack's cloud and kubeconfig, from its outputs", () => {
    it("takes the cloud the shared stack exports (dev runs on gcp), so a forced LoadBalancer gets that cloud's annotations", async () => {
        const { outputs } = await readShared("organization/webstack/dev");
        assert.deepEqual(outputs, { before: "existing", after: "gcp", hasKubeconfig: true });
    });

    it("keeps existing for a shared stack whose cloud is not gcp or aws", async () => {
        const { outputs } = await readShared("organization/webstack/elsewhere");
        assert.deepEqual(outputs, { before: "existing", after: "existing", hasKubeconfig: true });
    });
});
