import { accessRoles, identityFormats } from "./access";
import type { RuleInput, RuleIssue } from "./rules";

/**
 * webstack:access: each identity in the cloud's format, in one role only, and only on stacks that own a cluster
 * (a tenant stack is let in by the shared stack's access).
 */
export function accessProblems({ raw, root, tenant }: RuleInput): RuleIssue[] {
    if (tenant) return raw.access === undefined ? [] : [{ path: ["access"], input: raw.access, message: "is set on the shared stack, which owns the cluster; remove it here" }];
    if (!root.access) return [];
    const out: RuleIssue[] = [];
    const format = root.cloud === "gcp" || root.cloud === "aws" ? identityFormats[root.cloud] : undefined;
    const seen = new Map<string, string>();
    for (const role of accessRoles) {
        root.access[role].forEach((identity, i) => {
            const path = ["access", role, i];
            if (format && !format.pattern.test(identity)) {
                out.push({ path, input: identity, message: `must be ${root.cloud === "gcp" ? "a Google service account e-mail" : "an IAM role ARN"} such as ${format.example}` });
            }
            const first = seen.get(identity);
            if (first) out.push({ path, input: identity, message: `is already in access.${first}; give each identity one role` });
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
