import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError } from "../../infra/config/errors";
import type { RenderResult } from "../../tools/render/render";
import { ofType, onEks, renderStack, stackFileConfig, variant } from "../support/render";
import { kubernetesTypes as T } from "../support/types";

/** Recorded inputs are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

interface Node {
    group: string;
    labels: Record<string, string>;
    taints: { key: string; value?: string; effect: string }[];
}
interface Pod {
    who: string;
    tolerations?: { key?: string; operator?: string; value?: string; effect?: string }[];
    affinity?: Obj;
    nodeSelector?: Record<string, string>;
}

const effect = (cloud: string) => cloud.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/^./, (c) => c.toUpperCase());

/** The nodes each group starts: the labels and taints its cloud gives them (EKS adds its capacity-type label). */
function nodesOf(result: RenderResult): Node[] {
    const gke = ofType(result, "gcp:container/nodePool:NodePool").map((p) => ({
        group: p.name,
        labels: { ...((p.inputs as Obj).nodeConfig.labels ?? {}), ...((p.inputs as Obj).nodeConfig.spot ? { "cloud.google.com/gke-spot": "true" } : {}) },
        taints: ((p.inputs as Obj).nodeConfig.taints ?? []).map((t: Obj) => ({ key: t.key, value: t.value || undefined, effect: effect(t.effect) })),
    }));
    const eks = ofType(result, "eks:index:ManagedNodeGroup").map((g) => ({
        group: g.name,
        labels: { ...((g.inputs as Obj).labels ?? {}), "eks.amazonaws.com/capacityType": (g.inputs as Obj).capacityType },
        taints: ((g.inputs as Obj).taints ?? []).map((t: Obj) => ({ key: t.key, value: t.value, effect: effect(t.effect) })),
    }));
    return [...gke, ...eks];
}

/** Whether the scheduler may put the pod on the node: every NoSchedule/NoExecute taint tolerated, required node affinity met. */
function fits(pod: Pod, node: Node): boolean {
    const tolerated = node.taints.filter((t) => t.effect !== "PreferNoSchedule").every((t) =>
        (pod.tolerations ?? []).some((x) => (x.key === undefined || x.key === t.key) && (x.operator === "Exists" || x.value === t.value) && (x.effect === undefined || x.effect === t.effect)));
    const terms: Obj[] = pod.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    const matches = (e: Obj) => (e.operator === "In" ? e.values.includes(node.labels[e.key]) : e.operator === "NotIn" ? !e.values.includes(node.labels[e.key]) : e.operator === "Exists" ? e.key in node.labels : !(e.key in node.labels));
    const affinity = terms.length === 0 || terms.some((term) => (term.matchExpressions ?? []).every(matches));
    const selector = Object.entries(pod.nodeSelector ?? {}).every(([k, v]) => node.labels[k] === v);
    return tolerated && affinity && selector;
}

/** The pods the program places: each app's Deployment, and the charts' pods as their values shape them. */
function podsOf(result: RenderResult): Pod[] {
    const apps = result.manifests.filter((m) => (m as Obj).kind === "Deployment").map((d: Obj) => ({ who: `app ${d.metadata.name}`, ...d.spec.template.spec }));
    const charts = ofType(result, T.chart).map((c) => {
        const values = (c.inputs as Obj).values ?? {};
        return { who: `chart ${String((c.inputs as Obj).chart)}`, tolerations: values.tolerations, affinity: values.affinity, nodeSelector: values.nodeSelector };
    });
    return [...apps, ...charts];
}

const spotKey = "webstack.dev/spot";
const prodGke = () => renderStack("prod");
const prodEks = () => renderStack("prod", { configFile: onEks("prod", { nodeGroups: (stackFileConfig("prod")["webstack:cluster"] as Obj).nodeGroups.map((g: Obj) => ({ ...g, machineType: "t3.large" })) }) });
const spotOnlyEks = () => renderStack("dev", { configFile: onEks("dev", { nodeGroups: [{ name: "general", machineType: "t3.medium", minNodes: 1, maxNodes: 3, spot: true }] }) });

describe("spot node groups: only what may be preempted lands there", () => {
    for (const [cloud, render] of [["GKE", prodGke], ["EKS", prodEks]] as const) {
        it(`${cloud} prod: the spot group's nodes carry ${spotKey}=true:NoSchedule, the on-demand group's nothing`, async () => {
            const nodes = nodesOf(await render());
            assert.deepEqual(nodes.map((n) => [n.group.replace(/^webstack-prod-/, ""), n.taints]), [
                ["general", []],
                ["burst", [{ key: spotKey, value: "true", effect: "NoSchedule" }]],
            ]);
        });

        it(`${cloud} prod: every pod has a group to run on, and only apps that ask (spot: true) may land on spot nodes`, async () => {
            const result = await render();
            const nodes = nodesOf(result);
            const spot = nodes.filter((n) => n.taints.some((t) => t.key === spotKey));
            for (const pod of podsOf(result)) {
                assert.ok(nodes.some((n) => fits(pod, n)), `${pod.who} has no node group to run on`);
                assert.ok(!spot.some((n) => fits(pod, n)), `${pod.who} may land on a spot node without asking`);
            }
            const asked = await renderStack("prod", { configFile: variant("prod", { "webstack:apps": { ...(stackFileConfig("prod")["webstack:apps"] as Obj), nginx: { ...(stackFileConfig("prod")["webstack:apps"] as Obj).nginx, spot: true } } }) });
            const nginx = podsOf(asked).find((p) => p.who === "app nginx")!;
            assert.ok(nodesOf(asked).filter((n) => n.taints.some((t) => t.key === spotKey)).every((n) => fits(nginx, n)), "nginx with spot: true tolerates the spot nodes");
        });
    }

    it("a cluster of spot groups only (dev on GKE, dev on EKS) taints nothing: the pods have nowhere else to go, and every one of them can run", async () => {
        for (const result of [await renderStack("dev"), await spotOnlyEks()]) {
            const nodes = nodesOf(result);
            assert.ok(nodes.length > 0 && nodes.every((n) => n.taints.length === 0), JSON.stringify(nodes));
            for (const pod of podsOf(result)) assert.ok(nodes.some((n) => fits(pod, n)), `${pod.who} has no node group to run on`);
        }
        const autoscaler = podsOf(await spotOnlyEks()).find((p) => p.who === "chart cluster-autoscaler");
        assert.ok(autoscaler, "the EKS render installs the cluster-autoscaler");
    });

    it("config: spotTaint on an on-demand group, or every group tainted, is an error naming the fix", async () => {
        const groups = (stackFileConfig("prod")["webstack:cluster"] as Obj).nodeGroups as Obj[];
        const cluster = (nodeGroups: Obj[]) => ({ "webstack:cluster": { ...(stackFileConfig("dev")["webstack:cluster"] as Obj), nodeGroups } });
        await assert.rejects(renderStack("dev", { configFile: variant("dev", cluster([{ ...groups[0], spotTaint: true }])) }), (err: Error) => {
            assert.ok(err instanceof ConfigError);
            assert.match(err.message, /webstack:cluster\.nodeGroups\[0\]\.spotTaint: is only used with spot: true \(got true\)/);
            return true;
        });
        await assert.rejects(renderStack("dev", { configFile: variant("dev", cluster([{ ...groups[1], spotTaint: true }])) }), /webstack:cluster\.nodeGroups: has no group that pods without tolerations can run on .*: set spotTaint: false on one of the spot groups \(nodeGroups\[0\]\) or add an on-demand group/);
    });
});
