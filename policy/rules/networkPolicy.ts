import { describe, isWorkload, namespaceOf, podLabels, renderingChart, selects, type LabelSelector } from "./kubernetes";
import { field } from "./props";
import type { StackRule } from "./types";

export const networkPolicyCoverage: StackRule = {
    name: "network-policy-coverage",
    description: "Every workload's pods are selected by a NetworkPolicy in their namespace (a default deny plus the allows it needs).",
    enforcementLevel: "advisory",
    checkStack(resources) {
        const policies = resources.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy");
        return resources
            .filter((r) => isWorkload(r.type) && !renderingChart(r))
            .filter((workload) => !policies.some((policy) =>
                namespaceOf(policy) === namespaceOf(workload) && selects((field(policy.props, "spec", "podSelector") ?? {}) as LabelSelector, podLabels(workload))))
            .map((workload) => ({
                id: workload.id,
                message: `${describe(workload)} is selected by no NetworkPolicy, so anything in the cluster may reach it; ` +
                    `add a default-deny NetworkPolicy to namespace ${namespaceOf(workload)} and allow what it serves`,
            }));
    },
};
