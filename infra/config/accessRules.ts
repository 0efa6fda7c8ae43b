import { accessRoles } from "../access/identities";
import type { ConfigIssue } from "./issue";
import type { RuleInput } from "./ruleTypes";

/**
 * webstack:access: each identity in one role only (and not also in cluster.admins or cluster.developers, which
 * make their own access entry or IAM grant), and only on stacks that own a cluster (a tenant stack is let in by the
 * shared stack's access). The principals' format per cloud is checked with cluster.admins' (cloudRules.ts).
 */
export function accessProblems({ raw, root, tenant }: RuleInput): ConfigIssue[] {
    if (tenant) return raw.access === undefined ? [] : [{ path: ["access"], input: raw.access, message: "is set on the shared stack, which owns the cluster; remove it here" }];
    if (!root.access) return [];
    const out: ConfigIssue[] = [];
    const seen = new Map<string, string>();
    root.cluster?.admins.forEach((p, i) => seen.set(p, `cluster.admins[${i}]`));
    root.cluster?.developers.forEach((d, i) => seen.set(d.principal, `cluster.developers[${i}]`));
    for (const role of accessRoles) {
        root.access[role].forEach((identity, i) => {
            const path = ["access", role, i];
            const first = seen.get(identity);
            if (first) out.push({ path, input: identity, message: `is already in ${first.startsWith("cluster.") ? first : `access.${first}`}; give each identity one role` });
            else seen.set(identity, `${role}[${i}]`);
        });
    }
    const minor = Number(root.cluster?.kubernetesVersion?.split(".")[1]);
    const confined = (["reviewStacks", "sweepers"] as const).find((role) => root.access![role].length > 0);
    if (confined && minor < 30) {
        out.push({ path: ["access", confined], input: root.access[confined], message: `needs ValidatingAdmissionPolicy v1 (Kubernetes 1.30+) to confine it, but cluster.kubernetesVersion is ${root.cluster!.kubernetesVersion}` });
    }
    return out;
}
