import { describe } from "./kubernetes";
import { field } from "./props";
import type { ResourceInput, ResourceRule } from "./types";

/** Upper bound of any node group: a typo such as 1000 must not reach a cloud bill. Same as infra/config/cluster.ts. */
export const maxNodesPerGroup = 100;

interface Bounds {
    min?: unknown;
    max?: unknown;
    /** Where the maximum is set, for the message. */
    maxField: string;
}

const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);

/** A node group's scaling bounds by type; undefined for other resources. */
function boundsOf(resource: ResourceInput): Bounds | undefined {
    const at = (...path: string[]) => field(resource.props, ...path);
    switch (resource.type) {
        case "gcp:container/nodePool:NodePool":
            if (at("autoscaling") === undefined) {
                // A fixed-size pool: its node count is both bounds (GKE's default when unset).
                const count = at("nodeCount") ?? at("initialNodeCount");
                return count === undefined ? undefined : { min: count, max: count, maxField: "nodeCount" };
            }
            return at("autoscaling", "totalMaxNodeCount") !== undefined
                ? { min: at("autoscaling", "totalMinNodeCount"), max: at("autoscaling", "totalMaxNodeCount"), maxField: "autoscaling.totalMaxNodeCount" }
                : { min: at("autoscaling", "minNodeCount"), max: at("autoscaling", "maxNodeCount"), maxField: "autoscaling.maxNodeCount" };
        case "eks:index:ManagedNodeGroup":
        case "aws:eks/nodeGroup:NodeGroup":
            return { min: at("scalingConfig", "minSize"), max: at("scalingConfig", "maxSize"), maxField: "scalingConfig.maxSize" };
        default:
            return undefined;
    }
}

export const nodeGroupBounds: ResourceRule = {
    name: "node-group-bounds",
    description: `Node groups (GKE node pools, EKS node groups) scale between a minimum and a maximum of at most ${maxNodesPerGroup} nodes.`,
    enforcementLevel: "mandatory",
    check(resource) {
        const bounds = boundsOf(resource);
        if (!bounds) return [];
        const subject = describe(resource);
        const min = num(bounds.min) ?? 0;
        const max = num(bounds.max);
        if (max === undefined) return [`${subject} has no upper bound; set ${bounds.maxField} (at most ${maxNodesPerGroup})`];
        return [
            ...(min > max ? [`${subject} has a minimum of ${min} nodes above its maximum of ${max}; make the minimum at most the maximum`] : []),
            ...(max > maxNodesPerGroup ? [`${subject} may grow to ${max} nodes; lower ${bounds.maxField} to at most ${maxNodesPerGroup}`] : []),
        ];
    },
};
