import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type * as pulumi from "@pulumi/pulumi";
import { creatorWithoutBootstrapAccess } from "../../../../../infra/cluster/eks/creatorAccess";

/** What @pulumi/eks 4.x registers for the inner cluster with authenticationMode API (cluster.ts: bootstrap hardcoded true). */
function innerCluster(opts: pulumi.CustomResourceOptions = {}): pulumi.ResourceTransformArgs {
    return {
        custom: true,
        type: "aws:eks/cluster:Cluster",
        name: "webstack-prod-eksCluster",
        props: { name: "webstack-prod", accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true } },
        opts,
    };
}

describe("the EKS cluster grants its creator nothing of its own", () => {
    it("the cluster EKS creates has no bootstrapped creator entry, so the deploy role in cluster.admins is the stack's own entry", async () => {
        const result = await creatorWithoutBootstrapAccess(innerCluster());
        assert.ok(result, "the inner cluster is transformed");
        assert.deepEqual(result.props.accessConfig, { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
        assert.equal(result.props.name, "webstack-prod", "the rest of the cluster is what @pulumi/eks asked for");
    });

    it("a cluster that exists keeps its setting instead of being replaced (EKS reads it only at creation)", async () => {
        const result = await creatorWithoutBootstrapAccess(innerCluster({ ignoreChanges: ["tags"], protect: true }));
        assert.deepEqual(result?.opts.ignoreChanges, ["tags", "accessConfig.bootstrapClusterCreatorAdminPermissions"]);
        assert.equal(result?.opts.protect, true);
    });

    it("leaves every other child of the component alone", async () => {
        for (const type of ["aws:eks/accessEntry:AccessEntry", "aws:ec2/securityGroup:SecurityGroup", "eks:index:VpcCniAddon"]) {
            assert.equal(await creatorWithoutBootstrapAccess({ ...innerCluster(), type }), undefined, type);
        }
    });
});
