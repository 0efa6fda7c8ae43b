import { field } from "./props";
import type { ResourceInput, StackRule } from "./types";

/** Whether a node group runs on spot/preemptible capacity; undefined for other resources. */
function spot(resource: ResourceInput): boolean | undefined {
    switch (resource.type) {
        case "gcp:container/nodePool:NodePool":
            return field(resource.props, "nodeConfig", "spot") === true || field(resource.props, "nodeConfig", "preemptible") === true;
        case "eks:index:ManagedNodeGroup":
        case "aws:eks/nodeGroup:NodeGroup":
            return field(resource.props, "capacityType") === "SPOT";
        default:
            return undefined;
    }
}

export const prodOnDemandCapacity: StackRule = {
    name: "prod-on-demand-capacity",
    description: "Prod stacks keep at least one on-demand node group, so a spot reclaim never takes every node (dev may be spot-only).",
    enforcementLevel: "advisory",
    prodAware: true,
    checkStack(resources, stack) {
        const groups = resources.filter((r) => spot(r) !== undefined);
        if (!stack.prod || groups.length === 0 || groups.some((r) => spot(r) === false)) return [];
        return [{ message: `every node group (${groups.map((r) => r.name).join(", ")}) runs on spot capacity on a prod stack; add an on-demand group (spot: false)` }];
    },
};
