import { describe, isWorkload, namespaceOf, objectOf, podLabels, podSpecOf, renderingChart, selects, type LabelSelector, type PodSpec } from "./kubernetes";
import { field } from "./props";
import type { ResourceInput, StackRule } from "./types";

const isAutoscaler = (r: ResourceInput) => r.type.startsWith("kubernetes:autoscaling/") && r.type.endsWith(":HorizontalPodAutoscaler");

/** The workload an autoscaler scales, when the stack declares it. */
function scaleTarget(autoscaler: ResourceInput, resources: ResourceInput[]): ResourceInput | undefined {
    const ref = field(autoscaler.props, "spec", "scaleTargetRef") as { kind?: string; name?: string } | undefined;
    return resources.find((r) =>
        isWorkload(r.type) && objectOf(r).kind === ref?.kind && objectOf(r).metadata?.name === ref?.name && namespaceOf(r) === namespaceOf(autoscaler));
}

const ignoresReplicas = (r: ResourceInput) => r.ignoreChanges.some((path) => path === "spec.replicas" || path === "spec");

export const autoscalerOwnsReplicas: StackRule = {
    name: "autoscaler-owns-replicas",
    description: "A workload scaled by a HorizontalPodAutoscaler leaves spec.replicas to it (ignoreChanges), so pulumi up does not reset the scale.",
    enforcementLevel: "advisory",
    checkStack(resources) {
        return resources.filter(isAutoscaler).flatMap((autoscaler) => {
            const target = scaleTarget(autoscaler, resources);
            if (!target || field(target.props, "spec", "replicas") === undefined || ignoresReplicas(target)) return [];
            return [{
                id: target.id,
                message: `${describe(target)} is scaled by ${describe(autoscaler)} but pulumi manages spec.replicas; ` +
                    `add ignoreChanges: ["spec.replicas"] so each pulumi up does not reset the autoscaler's count`,
            }];
        });
    },
};

/**
 * Pods that must share a node with each other (required pod affinity to their own labels per hostname), as a
 * ReadWriteOnce volume demands: a budget would block draining that node for good, so they get none.
 */
function pinnedToOneNode(pod: PodSpec, labels: Record<string, string>): boolean {
    const terms = pod.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    return terms.some((term) => term.topologyKey === "kubernetes.io/hostname" && selects(term.labelSelector, labels));
}

/** The fewest replicas a workload runs with: its autoscaler's minimum, else spec.replicas (default 1). */
function minimumReplicas(workload: ResourceInput, resources: ResourceInput[]): number {
    const autoscaler = resources.find((r) => isAutoscaler(r) && scaleTarget(r, resources) === workload);
    const min = autoscaler ? field(autoscaler.props, "spec", "minReplicas") ?? 1 : field(workload.props, "spec", "replicas") ?? 1;
    return typeof min === "number" ? min : 1;
}

const replicated = new Set(["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet"]);

export const disruptionBudget: StackRule = {
    name: "disruption-budget",
    description: "Deployments and StatefulSets with more than one replica have a PodDisruptionBudget, so drains keep some pods serving.",
    enforcementLevel: "advisory",
    checkStack(resources) {
        const budgets = resources.filter((r) => r.type === "kubernetes:policy/v1:PodDisruptionBudget");
        return resources
            .filter((r) => replicated.has(r.type) && !renderingChart(r) && minimumReplicas(r, resources) > 1)
            .filter((workload) => {
                const labels = podLabels(workload);
                const pod = podSpecOf(workload);
                if (pod && pinnedToOneNode(pod, labels)) return false;
                return !budgets.some((b) => namespaceOf(b) === namespaceOf(workload) && selects(field(b.props, "spec", "selector") as LabelSelector | undefined, labels));
            })
            .map((workload) => ({
                id: workload.id,
                message: `${describe(workload)} runs several replicas without a PodDisruptionBudget; add one (maxUnavailable: 1) selecting its pods`,
            }));
    },
};
