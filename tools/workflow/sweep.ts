import { isDeveloperStackName, reviewStackNumber, tenantStackNameProblem } from "../../infra/kube/tenancy";
import { UserError } from "../cli/userError";
import { PulumiCli } from "./pulumiCli";
import { GitHubCli } from "./gh";
import type { Shell } from "./shell";
import type { Kubectl } from "./kubectl";
import { removeTenantStack } from "./tenantNamespaces";

/** One line of `pulumi stack ls --json`. */
export interface ListedStack {
    name: string;
    /** ISO time of the last update; absent for a stack never updated. */
    lastUpdate?: string;
    updateInProgress?: boolean;
}

/** What the sweep does with a stack, and why. */
export interface SweepDecision {
    stack: string;
    action: "remove" | "keep";
    reason: string;
}

/** State of a pull request as `gh pr view --json state` reports it; undefined when it cannot be told. */
export type PullRequestState = "OPEN" | "CLOSED" | "MERGED" | undefined;

/** `72h`, `3d`, `90m` → milliseconds. */
export function parseAge(text: string): number {
    const match = /^([1-9][0-9]*)(m|h|d)$/.exec(text);
    if (!match) throw new UserError(`--older-than must be a duration such as 72h, 7d or 90m (got ${JSON.stringify(text)})`);
    return Number(match[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as "m" | "h" | "d"];
}

const hours = (ms: number) => `${Math.floor(ms / 3_600_000)}h`;

/**
 * Which tenant stacks go: `pr-<n>` whose pull request is closed or merged (whatever its age: the close event that
 * should have removed it was missed), and `dev-<name>` not updated for `maxIdleMs`. Anything else is kept: other
 * stacks (dev, prod) are never touched, a stack being updated is left alone, and a PR whose state cannot be read,
 * or a dev stack never updated, is kept rather than guessed at.
 */
export function planSweep(stacks: ListedStack[], options: { now: Date; maxIdleMs: number; pullRequestState(number: number): PullRequestState }): SweepDecision[] {
    return stacks.flatMap((listed): SweepDecision[] => {
        const stack = listed.name;
        const short = stack.split("/").pop()!;
        const pr = reviewStackNumber(short);
        const dev = isDeveloperStackName(short);
        if (pr === undefined && !dev) return [];
        if (listed.updateInProgress) return [{ stack, action: "keep", reason: "an update is running" }];
        if (tenantStackNameProblem(short)) {
            return [{ stack, action: "keep", reason: "its name is not a DNS label (a stack from before names had to be): its namespace was derived from it, remove it by hand (npm run stack -- destroy)" }];
        }
        if (pr !== undefined) {
            const state = options.pullRequestState(pr);
            if (state === undefined) return [{ stack, action: "keep", reason: `the state of pull request #${pr} could not be read` }];
            return state === "OPEN"
                ? [{ stack, action: "keep", reason: `pull request #${pr} is open` }]
                : [{ stack, action: "remove", reason: `pull request #${pr} is ${state.toLowerCase()}` }];
        }
        const last = listed.lastUpdate ? Date.parse(listed.lastUpdate) : NaN;
        if (Number.isNaN(last)) return [{ stack, action: "keep", reason: "never updated (no last update time)" }];
        const idle = options.now.getTime() - last;
        return idle > options.maxIdleMs
            ? [{ stack, action: "remove", reason: `idle for ${hours(idle)} (over ${hours(options.maxIdleMs)})` }]
            : [{ stack, action: "keep", reason: `updated ${hours(idle)} ago` }];
    });
}

/** A pull request's state through the GitHub CLI (`gh`, authenticated by GH_TOKEN in CI). */
export function ghPullRequestState(shell: Shell, repository?: string): (number: number) => PullRequestState {
    const gh = new GitHubCli(shell);
    return (number) => {
        const args = ["pr", "view", String(number), "--json", "state", "--jq", ".state", ...(repository ? ["--repo", repository] : [])];
        const state = gh.tryCapture(args);
        return state === "OPEN" || state === "CLOSED" || state === "MERGED" ? state : undefined;
    };
}

export interface SweepOptions {
    cli: PulumiCli;
    kubectl: Kubectl;
    projectDir: string;
    /** Idle time after which a dev-* stack goes. */
    maxIdleMs: number;
    /** Print the plan, change nothing. */
    dryRun: boolean;
    now: Date;
    pullRequestState(number: number): PullRequestState;
    log(line: string): void;
}

/**
 * `npm run stack -- sweep`: removes the tenant stacks planSweep picks, one after another, without running their
 * programs or anything from their state (removeTenantStack); a failure is reported and the sweep goes on with the
 * next stack, then fails at the end.
 */
export function sweepTenantStacks(options: SweepOptions): SweepDecision[] {
    const { cli } = options;
    cli.ensureInstalled();
    const stacks = JSON.parse(cli.capture(["stack", "ls", "--json"]) || "[]") as ListedStack[];
    const plan = planSweep(stacks, options);
    for (const d of plan) options.log(`${d.action === "remove" ? (options.dryRun ? "would remove" : "removing") : "keeping"} ${d.stack}: ${d.reason}`);
    if (options.dryRun) return plan;
    const failed: string[] = [];
    for (const d of plan.filter((x) => x.action === "remove")) {
        try {
            removeTenantStack({ cli, kubectl: options.kubectl, stack: d.stack.split("/").pop()!, projectDir: options.projectDir, fullName: d.stack, log: options.log });
        } catch (err) {
            options.log(`failed to remove ${d.stack}: ${err instanceof Error ? err.message : String(err)}`);
            failed.push(d.stack);
        }
    }
    if (failed.length > 0) throw new UserError(`could not remove ${failed.join(", ")} (see above); the others were removed`);
    return plan;
}
