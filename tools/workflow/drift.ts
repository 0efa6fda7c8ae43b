import { GitHubCli } from "./gh";
import type { PulumiCli } from "./pulumiCli";
import type { Shell } from "./shell";

/** One step of `pulumi preview --json`: what `up` would do to a resource. */
export interface PreviewStep {
    op: string;
    urn: string;
}

/** Steps that change nothing: the resource is as the program says, or is only read or refreshed. */
const unchanged = new Set(["same", "read", "refresh"]);

/** The resources whose live state differs from the program, as `type::name` with the operation `up` would run. */
export function driftedResources(steps: PreviewStep[]): string[] {
    return steps.filter((s) => !unchanged.has(s.op)).map((s) => `${s.op} ${s.urn.split("::").slice(-2).join("::")}`);
}

/** The one issue a stack's drift is tracked in. */
export const driftIssueTitle = (stack: string) => `Drift on ${stack}`;

/** What the check does with the stack's issue. */
export type DriftAction = { kind: "open"; body: string } | { kind: "update"; issue: number; body: string } | { kind: "close"; issue: number } | { kind: "none" };

/**
 * Drift opens the stack's issue, or comments on it when it is open already (one issue per stack, never a pile); no
 * drift closes it when one is open, and otherwise does nothing.
 */
export function planDriftAction(stack: string, drifted: string[], openIssue: number | undefined, runUrl: string | undefined): DriftAction {
    if (drifted.length === 0) return openIssue === undefined ? { kind: "none" } : { kind: "close", issue: openIssue };
    const shown = drifted.slice(0, 50);
    const body = [
        `\`pulumi preview --refresh\` of **${stack}** finds ${drifted.length} resource${drifted.length === 1 ? "" : "s"} whose live state differs from the program${runUrl ? ` ([run](${runUrl}))` : ""}:`,
        "",
        ...shown.map((d) => `- \`${d}\``),
        ...(drifted.length > shown.length ? [`- … and ${drifted.length - shown.length} more (see the run)`] : []),
        "",
        "Either someone changed them outside Pulumi (bring them back with `pulumi up`, or adopt the change in the program), or main has changes not deployed yet. This issue closes itself once they match again.",
    ].join("\n");
    return openIssue === undefined ? { kind: "open", body } : { kind: "update", issue: openIssue, body };
}

export interface DriftOptions {
    cli: PulumiCli;
    shell: Shell;
    stack: string;
    /** `<owner>/<name>` for gh. */
    repo?: string;
    log(line: string): void;
}

/**
 * `npm run stack -- drift <stack>`: previews the stack after a refresh (as a read-only identity may: nothing is
 * written to the stack or the cloud), and keeps the stack's drift issue in step. Returns whether it drifted, so the
 * scheduled job fails while it does.
 */
export function checkDrift(options: DriftOptions): boolean {
    const { cli, shell, stack } = options;
    const gh = new GitHubCli(shell);
    cli.ensureInstalled();
    const preview = JSON.parse(cli.capture(["preview", "--refresh", "--json", "--stack", stack]) || "{}") as { steps?: PreviewStep[] };
    const drifted = driftedResources(preview.steps ?? []);
    const repo = options.repo ? ["--repo", options.repo] : [];
    const title = driftIssueTitle(stack);
    const open = JSON.parse(gh.must(["issue", "list", ...repo, "--state", "open", "--search", `"${title}" in:title`, "--json", "number,title"]) || "[]") as { number: number; title: string }[];
    const issue = open.find((i) => i.title === title)?.number;
    const env = shell.env;
    const runUrl = env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL ?? "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
    const action = planDriftAction(stack, drifted, issue, runUrl);
    switch (action.kind) {
        case "open":
            gh.must(["issue", "create", ...repo, "--title", title, "--body", action.body]);
            break;
        case "update":
            gh.must(["issue", "comment", String(action.issue), ...repo, "--body", action.body]);
            break;
        case "close":
            gh.must(["issue", "close", String(action.issue), ...repo, "--comment", `Live resources of ${stack} match the program again${runUrl ? ` ([run](${runUrl}))` : ""}.`]);
            break;
        case "none":
            break;
    }
    options.log(drifted.length === 0 ? `${stack}: no drift${action.kind === "close" ? ` (closed #${issue})` : ""}` : `${stack}: ${drifted.length} drifted: ${drifted.join(", ")} (${action.kind === "open" ? "issue opened" : `commented on #${issue}`})`);
    return drifted.length > 0;
}
