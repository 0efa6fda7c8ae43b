import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clusterAutoscalerChart } from "../../infra/kube/helmCharts";
import { awsMocks } from "../../tools/mocks/aws";
import type { RecordedResource } from "../../tools/render/recorder";
import { eksDeployer, ofType, one, onEks, ref, renderStack } from "../support/render";
import { kubernetesTypes } from "../support/types";

const eksProd = { zones: ["eu-west-1a", "eu-west-1b"], deployerNetworks: ["198.51.100.0/28"], admins: [eksDeployer] };
const groups = [
    { name: "general", machineType: "m6i.large", minNodes: 2, maxNodes: 4 },
    { name: "burst", machineType: "t3.large", minNodes: 0, maxNodes: 10, spot: true },
];
const eksRender = (stack: "dev" | "prod") => renderStack(stack, { configFile: onEks(stack, { ...(stack === "prod" ? eksProd : {}), nodeGroups: groups }) });

function cloudState(r: RecordedResource): Record<string, unknown> {
    return awsMocks.resources[r.type]({ type: r.type, name: r.name, inputs: r.inputs, provider: "", id: "", custom: true }, { stack: "test", project: "webstack", config: { "aws:region": "eu-west-1" } });
}

for (const stack of ["dev", "prod"] as const) {
    describe(`NetworkPolicy enforcement (${stack})`, () => {
        it("EKS: the managed vpc-cni add-on runs with enableNetworkPolicy and its node agent, before any node", async () => {
            const result = await eksRender(stack);
            const addon = one(result, "aws:eks/addon:Addon", `webstack-${stack}-vpc-cni`);
            assert.equal(addon.inputs.addonName, "vpc-cni");
            const values = JSON.parse(String(addon.inputs.configurationValues));
            assert.equal(values.enableNetworkPolicy, "true", "a string: the add-on's schema types it so");
            assert.ok(values.nodeAgent, "the network policy node agent is configured");
            assert.equal(addon.inputs.resolveConflictsOnCreate, "OVERWRITE", "takes over the aws-node DaemonSet EKS installed");
            for (const g of ofType(result, "eks:index:ManagedNodeGroup")) assert.ok(g.dependsOn.includes(ref(addon)), `${g.name} waits for the add-on`);
            assert.equal(one(result, "eks:index:Cluster").inputs.useDefaultVpcCni, true, "no second CNI add-on from @pulumi/eks");
        });

        it("GKE: Dataplane V2 enforces NetworkPolicies", async () => {
            const c = one(await renderStack(stack), "gcp:container/cluster:Cluster").inputs;
            assert.equal(c.datapathProvider, "ADVANCED_DATAPATH");
        });
    });

    describe(`EKS node autoscaling (${stack})`, () => {
        it("bounds each group by minNodes..maxNodes, tags it for discovery, and leaves its size to the autoscaler", async () => {
            const result = await eksRender(stack);
            for (const group of groups) {
                const { inputs } = one(result, "eks:index:ManagedNodeGroup", `webstack-${stack}-${group.name}`);
                const scaling = inputs.scalingConfig as { minSize: number; maxSize: number; desiredSize: number };
                assert.deepEqual([scaling.minSize, scaling.maxSize], [group.minNodes, group.maxNodes]);
                assert.equal(inputs.ignoreScalingChanges, true, "desiredSize is the autoscaler's after creation");
                assert.deepEqual(inputs.tags, { "k8s.io/cluster-autoscaler/enabled": "true", [`k8s.io/cluster-autoscaler/webstack-${stack}`]: "owned" });
            }
        });

        it("installs the pinned cluster-autoscaler chart discovering this cluster's groups, as its IRSA role, preferring on-demand nodes", async () => {
            const result = await eksRender(stack);
            const chart = one(result, kubernetesTypes.chart, `webstack-${stack}-cluster-autoscaler`);
            const role = one(result, "aws:iam/role:Role", `webstack-${stack}-cluster-autoscaler`);
            const v = chart.inputs as { chart: string; version: string; namespace: string; values: Record<string, any> };
            assert.deepEqual([v.chart, v.version], [clusterAutoscalerChart.chart, clusterAutoscalerChart.version]);
            assert.match(v.version, /^\d+\.\d+\.\d+$/);
            assert.equal(v.namespace, "kube-system");
            assert.equal(v.values.autoDiscovery.clusterName, `webstack-${stack}`);
            assert.equal(v.values.awsRegion, "eu-west-1");
            assert.equal(v.values.image.tag, clusterAutoscalerChart.image);
            assert.equal(v.values.rbac.serviceAccount.annotations["eks.amazonaws.com/role-arn"], cloudState(role).arn);
            // Preferred, not required: on a cluster of spot groups only it must still run (tests/render/spot.test.ts).
            const [preferred] = v.values.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution;
            assert.deepEqual(preferred.preference.matchExpressions[0], { key: "eks.amazonaws.com/capacityType", operator: "In", values: ["ON_DEMAND"] });
            assert.equal(chart.provider, ref(one(result, "pulumi:providers:kubernetes", `webstack-${stack}`)));

            const trust = JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0];
            assert.equal(Object.values(trust.Condition.StringEquals)[0], "system:serviceaccount:kube-system:cluster-autoscaler");
            assert.equal(v.values.rbac.serviceAccount.name, "cluster-autoscaler");
        });

        it("lets the autoscaler resize only this cluster's groups", async () => {
            const result = await eksRender(stack);
            const policy = one(result, "aws:iam/rolePolicy:RolePolicy", `webstack-${stack}-cluster-autoscaler`);
            const [read, write] = JSON.parse(String(policy.inputs.policy)).Statement;
            assert.ok(read.Action.includes("eks:DescribeNodegroup"), "reads labels and taints of groups at zero");
            assert.ok(!read.Action.some((a: string) => /SetDesiredCapacity|Terminate/.test(a)), "no unconditioned write");
            assert.deepEqual(write.Action, ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]);
            assert.deepEqual(write.Condition, { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/webstack-${stack}`]: "owned" } });
            const chart = one(result, kubernetesTypes.chart, `webstack-${stack}-cluster-autoscaler`);
            assert.ok(chart.dependsOn.includes(ref(policy)), "the autoscaler starts with its permissions in place");
        });
    });
}

describe("GKE node pools scale on their own", () => {
    it("have total min/max from the node groups (the same meaning as on EKS)", async () => {
        const pools = ofType(await renderStack("prod"), "gcp:container/nodePool:NodePool");
        assert.ok(pools.length > 0);
        for (const p of pools) assert.ok((p.inputs.autoscaling as { totalMaxNodeCount: number }).totalMaxNodeCount > 0, p.name);
    });
});
