import { execFile } from "node:child_process";
import { existsSync, lstatSync, readFileSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { promisify } from "node:util";
import { git } from "../../infra/config/git";

const run = promisify(execFile);

/** Where a Pulumi project sits inside its git repository. */
export interface ProjectLocation {
    /** The repository's top-level directory. */
    repoRoot: string;
    /** The project's directory relative to repoRoot, in git's notation ("" at the root). */
    subdir: string;
}

export function locateProject(projectDir: string): ProjectLocation {
    const repoRoot = git(["rev-parse", "--show-toplevel"], projectDir);
    return { repoRoot, subdir: relative(repoRoot, projectDir).split(sep).join(posix.sep) };
}

/** The commit `ref` names, or an error that says the ref is unknown. */
export function resolveCommit(location: ProjectLocation, ref: string): string {
    if (ref.startsWith("-")) throw new Error(`not a git ref: ${ref}`);
    try {
        return git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], location.repoRoot);
    } catch {
        throw new Error(`unknown git ref '${ref}': no commit by that name in ${location.repoRoot} (a shallow clone may need \`git fetch\` of it first)`);
    }
}

/** Whether `commit` contains `path` (relative to the project). */
export function commitHasFile(location: ProjectLocation, commit: string, path: string): boolean {
    try {
        git(["cat-file", "-e", `${commit}:${posix.join(location.subdir, path)}`], location.repoRoot);
        return true;
    } catch {
        return false;
    }
}

/** A detached checkout of one commit, with dependencies; dispose() removes it. */
export interface Checkout {
    commit: string;
    /** The project's directory inside the checkout. */
    projectDir: string;
    dispose(): void;
}

/** node_modules directories installed by `npm ci` during one run, by the package-lock.json they came from. */
export type Installs = Map<string, Promise<string>>;

export interface CheckoutOptions {
    location: ProjectLocation;
    commit: string;
    /** An empty or absent directory to check out into. */
    dir: string;
    /** The working tree's project directory, whose node_modules is reused when the lockfiles are identical. */
    workingProjectDir: string;
    /** Shared by the checkouts of one run, so two commits with the same lockfile install once. */
    installs: Installs;
    log: (message: string) => void;
}

/** A lockfile's bytes (latin1 maps each byte to one character, so equal strings mean byte-identical files). */
const lockfile = (dir: string) => {
    const file = join(dir, "package-lock.json");
    return existsSync(file) ? readFileSync(file, "latin1") : undefined;
};

/**
 * node_modules for a checkout: the working tree's when package-lock.json is byte-identical (saves minutes), one
 * installed earlier in this run from the same lockfile, or its own `npm ci` without install scripts.
 */
async function provideDependencies(projectDir: string, options: CheckoutOptions): Promise<void> {
    const nodeModules = join(projectDir, "node_modules");
    const lock = lockfile(projectDir);
    const working = join(options.workingProjectDir, "node_modules");
    if (lock !== undefined && lock === lockfile(options.workingProjectDir) && existsSync(working)) {
        symlinkSync(working, nodeModules, "dir");
        return;
    }
    const installed = options.installs.get(lock ?? "");
    if (installed) {
        symlinkSync(await installed, nodeModules, "dir");
        return;
    }
    const commit = options.commit.slice(0, 12);
    options.log(`installing the dependencies of ${commit} (npm ci): its package-lock.json differs from the working tree's`);
    const install = run("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: projectDir, maxBuffer: 64 * 1024 * 1024 }).then(
        () => nodeModules,
        (err: { stderr?: string }) => {
            throw new Error(`npm ci in the checkout of ${commit} failed:\n${err.stderr ?? String(err)}`);
        },
    );
    options.installs.set(lock ?? "", install);
    await install;
}

/** `git worktree add --detach` of `commit`, with its dependencies (see provideDependencies). */
export async function checkoutCommit(options: CheckoutOptions): Promise<Checkout> {
    const { location, commit, dir } = options;
    git(["worktree", "add", "--detach", "--quiet", dir, commit], location.repoRoot);
    const projectDir = join(dir, location.subdir);
    const nodeModules = join(projectDir, "node_modules");
    const dispose = () => {
        // Unlink a shared node_modules first, so removing the checkout can never reach into it.
        if (isSymlink(nodeModules)) unlinkSync(nodeModules);
        try {
            git(["worktree", "remove", "--force", dir], location.repoRoot);
        } catch {
            rmSync(dir, { recursive: true, force: true });
            git(["worktree", "prune"], location.repoRoot);
        }
    };
    try {
        await provideDependencies(projectDir, options);
    } catch (err) {
        dispose();
        throw err;
    }
    return { commit, projectDir, dispose };
}

function isSymlink(path: string): boolean {
    try {
        return lstatSync(path).isSymbolicLink();
    } catch {
        return false;
    }
}
