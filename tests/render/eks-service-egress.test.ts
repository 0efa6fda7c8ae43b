import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { projectDir } from "../../infra/config/project";
import type { RenderResult } from "../../tools/render/render";
import { selects } from "../support/reachability";
import { renderStack, stackFileConfig, variant } from "../support/render";

/** Recorded manifests are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

/**
 * EKS's network policy agent sees a call to a Service before its ClusterIP is translated to a pod, so an egress
 * rule admits the call only when one of its peers, read as a label selector, matches the Service's *selector* (not
 * the pods' labels): amazon-network-policy-controller-k8s, pkg/resolvers/endpoints.go, getMatchingServiceClusterIPs
 * (`svcSelector.Matches(labels.Set(svc.Spec.Selector))`). GKE's Dataplane V2 sees the pod, so a call may work there
 * and time out on EKS. For each call the policies allow between two apps of one namespace, through the callee's
 * Service, this finds the egress peers that admit it under EKS's reading.
 */
function sameNamespaceCalls(result: RenderResult): { call: string; podAllowed: boolean; serviceAllowed: boolean }[] {
    const manifests = result.manifests as Obj[];
    const policies = manifests.filter((m) => m.kind === "NetworkPolicy");
    const out: { call: string; podAllowed: boolean; serviceAllowed: boolean }[] = [];
    for (const caller of manifests.filter((m) => m.kind === "Deployment")) {
        const namespace = caller.metadata.namespace;
        const callerLabels = caller.spec.template.metadata.labels;
        const egressRules = policies
            .filter((p) => p.metadata.namespace === namespace && (p.spec.policyTypes ?? []).includes("Egress") && selects(p.spec.podSelector, callerLabels))
            .flatMap((p) => p.spec.egress ?? []);
        for (const service of manifests.filter((m) => m.kind === "Service" && m.metadata.namespace === namespace && m.spec.selector)) {
            const callee = manifests.find((m) => m.kind === "Deployment" && m.metadata.namespace === namespace && selects({ matchLabels: service.spec.selector }, m.spec.template.metadata.labels));
            if (!callee || callee === caller) continue;
            const calleeLabels = callee.spec.template.metadata.labels;
            const targetPorts: number[] = service.spec.ports.map((p: Obj) => (typeof p.targetPort === "number" ? p.targetPort : callee.spec.template.spec.containers[0].ports.find((c: Obj) => c.name === p.targetPort)?.containerPort));
            const samePodPeers = (rule: Obj) => (rule.to ?? []).filter((peer: Obj) => peer.podSelector && !peer.namespaceSelector && !peer.ipBlock);
            const portOpen = (rule: Obj) => !rule.ports || rule.ports.some((p: Obj) => targetPorts.includes(p.port));
            const podAllowed = egressRules.some((rule) => portOpen(rule) && samePodPeers(rule).some((peer: Obj) => selects(peer.podSelector, calleeLabels)));
            const serviceAllowed = egressRules.some((rule) => portOpen(rule) && samePodPeers(rule).some((peer: Obj) => selects(peer.podSelector, service.spec.selector)));
            out.push({ call: `${namespace}/${caller.metadata.name} -> service ${service.metadata.name}`, podAllowed, serviceAllowed });
        }
    }
    return out;
}

const redis = parse(readFileSync(join(projectDir, "examples", "redis.apps.yaml"), "utf8")) as Obj;
const withRedis = variant("dev", {
    "webstack:apps": { ...(stackFileConfig("dev")["webstack:apps"] as Obj), ...redis },
    "webstack:redisPassword": { secure: "v1:dGVzdA==:Y2lwaGVydGV4dA==" },
});

describe("calls through a Service between apps of one namespace, as EKS enforces egress", () => {
    it("the README's redis sample: web-server reaches the redis Service, and an egress peer matches that Service's selector", async () => {
        const calls = sameNamespaceCalls(await renderStack("dev", { configFile: withRedis }));
        const toRedis = calls.find((c) => c.call === "web/web-server -> service redis");
        assert.ok(toRedis, `web-server calls redis in one namespace: ${JSON.stringify(calls)}`);
        assert.ok(toRedis.podAllowed, "the policies let web-server's pods reach redis's pods");
        assert.ok(toRedis.serviceAllowed, "on EKS the egress rule must also match the redis Service's selector, or the call times out");
    });

    for (const stack of ["dev", "prod", "pr-42"]) {
        it(`${stack}: every same-namespace call the policies allow to a pod is allowed through its Service too`, async () => {
            for (const c of sameNamespaceCalls(await renderStack(stack))) {
                if (c.podAllowed) assert.ok(c.serviceAllowed, `${c.call}: allowed to the pods, dropped at the Service on EKS`);
            }
        });
    }
});
