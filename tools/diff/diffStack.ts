import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareResources, type RenderedResource, type StackDiff } from "./compare";
import { renderClis, renderInChild, RenderFailure } from "./renderChild";
import { checkoutCommit, commitHasFile, locateProject, resolveCommit, type Checkout, type Installs } from "./worktree";

export interface DiffStackOptions {
    stack: string;
    /** Git ref of the base side. */
    base: string;
    /** Git ref of the head side; default: the working tree as it is (uncommitted changes included). */
    head?: string;
    /** Absolute path of a stack-format config file, used by both sides. */
    configFile?: string;
    /** Image tag for both sides, so images built here do not differ only because the commits do. */
    imageTag?: string;
    /** The working tree's project directory. */
    projectDir: string;
    /** Progress messages. Default: none. */
    log?: (message: string) => void;
}

export interface DiffSide {
    /** The ref as given, or "working tree". */
    ref: string;
    /** Absent for the working tree. */
    commit?: string;
    rendered: boolean;
    /** Why the side is empty, when it is. */
    note?: string;
}

export interface DiffReport extends StackDiff {
    stack: string;
    base: DiffSide;
    head: DiffSide;
}

interface SideResult {
    side: DiffSide;
    resources: RenderedResource[];
}

const short = (commit: string) => commit.slice(0, 12);

/** Keeps the start of a long error: the render CLI prints its message first, then the stack trace. */
const firstPart = (text: string, max = 3000) => (text.length > max ? `${text.slice(0, max)}…` : text).trimEnd();

/**
 * Renders `stack` at `base` and at `head` (or the working tree), each with its own code and dependencies, and
 * compares the resources. A base that cannot be rendered leaves its side empty and says why; a head that cannot
 * be rendered is an error (RenderFailure, with the render's stderr).
 */
export async function diffStack(options: DiffStackOptions): Promise<DiffReport> {
    const log = options.log ?? (() => undefined);
    const location = locateProject(options.projectDir);
    const baseCommit = resolveCommit(location, options.base);
    const headCommit = options.head === undefined ? undefined : resolveCommit(location, options.head);
    const tmp = mkdtempSync(join(tmpdir(), "webstack-diff-"));
    const checkouts: Checkout[] = [];
    const installs: Installs = new Map();

    async function renderSide(name: "base" | "head", ref: string, commit: string | undefined): Promise<SideResult> {
        const side: DiffSide = { ref, ...(commit ? { commit } : {}), rendered: false };
        let projectDir = options.projectDir;
        const renderCli = renderClis.find((cli) => (commit ? commitHasFile(location, commit, cli) : existsSync(join(projectDir, cli))));
        if (commit) {
            if (!renderCli) {
                return { side: { ...side, note: `\`${ref}\` (${short(commit)}) has no offline render CLI (${renderClis.join(" or ")}), so the ${name} side is empty.` }, resources: [] };
            }
            log(`checking out ${ref} (${short(commit)}) for the ${name} side`);
            const checkout = await checkoutCommit({ location, commit, dir: join(tmp, `${name}-tree`), workingProjectDir: options.projectDir, installs, log });
            checkouts.push(checkout);
            projectDir = checkout.projectDir;
        }
        const label = `stack ${options.stack} at ${commit ? `${ref} (${short(commit)})` : "the working tree"}`;
        log(`rendering ${label}`);
        const resources = await renderInChild({ projectDir, renderCli: renderCli ?? renderClis[0], stack: options.stack, configFile: options.configFile, imageTag: options.imageTag, outDir: join(tmp, `${name}-out`), label });
        return { side: { ...side, rendered: true }, resources };
    }

    try {
        const [base, head] = await Promise.allSettled([
            renderSide("base", options.base, baseCommit),
            renderSide("head", options.head ?? "working tree", headCommit),
        ]);
        if (head.status === "rejected") throw head.reason;
        const baseResult = base.status === "fulfilled" ? base.value : emptyBase(options.base, baseCommit, base.reason);
        if (baseResult.side.note) log(`warning: ${baseResult.side.note.split("\n")[0]}`);
        return {
            stack: options.stack,
            base: baseResult.side,
            head: head.value.side,
            ...compareResources(baseResult.resources, head.value.resources),
        };
    } finally {
        for (const checkout of checkouts) {
            try {
                checkout.dispose();
            } catch (err) {
                log(`warning: could not remove the checkout of ${short(checkout.commit)} (${err instanceof Error ? err.message : String(err)}); \`git worktree prune\` cleans up`);
            }
        }
        rmSync(tmp, { recursive: true, force: true });
    }
}

/** A base that failed to render: an empty side whose note carries the error. Anything else is rethrown. */
function emptyBase(ref: string, commit: string, reason: unknown): SideResult {
    if (!(reason instanceof RenderFailure)) throw reason;
    const note = `\`${ref}\` (${short(commit)}) failed to render, so the base side is empty. Its render said:\n\`\`\`\n${firstPart(reason.stderr)}\n\`\`\``;
    return { side: { ref, commit, rendered: false, note }, resources: [] };
}
