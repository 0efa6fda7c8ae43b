import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";

/** A git command that failed; `message` is git's own first line of complaint. */
export class GitError extends Error {
    constructor(readonly args: readonly string[], detail: string) {
        super(`git ${args.join(" ")}: ${detail}`);
        this.name = "GitError";
    }
}

/** Runs git without a shell in `cwd`; returns stdout with the trailing newline removed. */
export function git(args: readonly string[], cwd: string): string {
    try {
        return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).replace(/\n$/, "");
    } catch (err) {
        const { code, status, stderr } = err as { code?: string; status?: number; stderr?: string };
        const detail = code === "ENOENT" ? `git is not installed, or ${cwd} does not exist` : stderr?.trim().split("\n")[0] || `exit status ${status}`;
        throw new GitError(args, detail);
    }
}

/** The commit checked out in `repoDir` (full SHA). */
export function headCommit(repoDir: string): string {
    return git(["rev-parse", "--verify", "HEAD"], repoDir);
}

/** `git status --porcelain` lines: modified, staged, deleted and untracked (not ignored) files. */
export function uncommittedChanges(repoDir: string): string[] {
    return git(["status", "--porcelain"], repoDir).split("\n").filter((line) => line !== "");
}

/**
 * A short fingerprint of the working tree's uncommitted state (tracked changes and untracked files, not ignored
 * ones): the same edits give the same fingerprint, so an image built from them is named once.
 */
export function workingTreeFingerprint(repoDir: string): string {
    const hash = createHash("sha256").update(git(["diff", "HEAD", "--binary"], repoDir));
    const untracked = git(["ls-files", "--others", "--exclude-standard", "-z"], repoDir).split("\0").filter(Boolean).sort();
    for (const file of untracked) hash.update(`\0${file}\0${git(["hash-object", "--", file], repoDir)}`);
    return hash.digest("hex").slice(0, 12);
}
