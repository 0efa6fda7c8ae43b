import { issue, type ConfigIssue } from "./issue";
import type { RuleInput } from "./ruleTypes";

/**
 * One developer per tenant namespace: a developer may read and change everything in their namespace, Secrets
 * included, so a namespace is never shared, and a GKE group (whose members would all edit every namespace it
 * lists) is never a developer.
 */
export function developerProblems({ root }: RuleInput): ConfigIssue[] {
    const lists = [
        { path: ["cluster", "developers"], developers: root.cluster?.developers ?? [] },
        { path: ["existing", "developers"], developers: root.existing?.developers ?? [] },
    ];
    const out: ConfigIssue[] = [];
    const owner = new Map<string, string>();
    for (const { path, developers } of lists) {
        developers.forEach((developer, i) => {
            if (root.cloud === "gcp" && developer.principal.startsWith("group:")) {
                out.push(issue([...path, i, "principal"], developer.principal, "names a group, whose members could each edit (and read the Secrets of) every stack it lists; name one developer (user: or serviceAccount:) per dev-<name> stack"));
            }
            developer.stacks.forEach((stack, j) => {
                const first = owner.get(stack);
                if (first) out.push(issue([...path, i, "stacks", j], stack, `is also ${first}'s: a tenant stack's namespace belongs to one developer`));
                else owner.set(stack, `${path.join(".")}[${i}]`);
            });
        });
    }
    return out;
}
