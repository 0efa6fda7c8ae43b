import { ConfigError, showValue } from "./errors";
import { GitError, headCommit, uncommittedChanges } from "./git";

/** Where the tag of images built here came from. */
export interface ResolvedTag {
    tag: string;
    /** e.g. "webstack:imageTag", "IMAGE_TAG", "GITHUB_SHA", "git rev-parse HEAD". */
    source: string;
}

export interface ResolveTagOptions {
    /** `--image-tag` / `webstack:imageTag`. */
    configured?: string;
    env: Record<string, string | undefined>;
    /** Repository whose HEAD is the fallback. */
    repoDir: string;
    prod: boolean;
    allowDirty: boolean;
}

const gitSource = "git rev-parse HEAD";

/** Docker's tag grammar: 1-128 characters, not starting with '.' or '-'. */
const dockerTag = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** Only hex digits and at least one letter: meant as a commit SHA (all-digit tags are build numbers). */
const shaLike = /^(?=.*[a-f])[0-9a-f]+$/i;

/**
 * Why `tag` cannot name an image built here, or undefined when it can. Accepted: a commit SHA of 7-40 lowercase
 * hex digits, or a release tag (Docker's tag grammar, with at least one digit: v1.2.3, 2024.06.1, 1.4.0-rc.1).
 * Names without a version number (latest, stable, main) move under your feet and are refused. Uppercase SHAs are
 * refused rather than lowercased: registry tags are case-sensitive, so lowercasing could name an image nobody pushed.
 */
export function tagProblem(tag: string): string | undefined {
    if (tag === "") return "must not be empty";
    if (tag.toLowerCase() === "latest") return "must not be 'latest'";
    if (!dockerTag.test(tag)) return "must be an image tag: letters, digits, '_', '.' or '-' (not first), at most 128 characters";
    if (shaLike.test(tag)) {
        if (tag !== tag.toLowerCase()) return "must be a lowercase commit SHA";
        if (tag.length < 7 || tag.length > 40) return `looks like a commit SHA but has ${tag.length} characters; use 7 to 40`;
        return undefined;
    }
    if (!/[0-9]/.test(tag)) return "must be pinned: a commit SHA or a release tag with a version number, such as v1.2.3";
    return undefined;
}

function checked(tag: string, source: string): ResolvedTag {
    const problem = tagProblem(tag);
    if (problem) throw new ConfigError([`${source}: ${problem} (got ${showValue(tag)})`]);
    return { tag, source };
}

function failure(detail: string): ConfigError {
    return new ConfigError([`${gitSource}: ${detail}`]);
}

function fromGit({ repoDir, prod, allowDirty }: ResolveTagOptions): ResolvedTag {
    const fallbacks = "set webstack:imageTag (--image-tag), IMAGE_TAG or GITHUB_SHA";
    try {
        const resolved = checked(headCommit(repoDir), gitSource);
        // Only here does the tree matter: the SHA claims to name what is checked out. A tag from config or the
        // environment names an image built elsewhere (CI, from a commit); local edits cannot change that image.
        if (prod && !allowDirty) {
            const changes = uncommittedChanges(repoDir);
            if (changes.length > 0) {
                const shown = changes.slice(0, 3).map((line) => line.trim()).join(", ") + (changes.length > 3 ? ", ..." : "");
                throw failure(
                    `prod deploys only committed code, but ${repoDir} has ${changes.length} uncommitted change${changes.length === 1 ? "" : "s"} (${shown}); ` +
                        "commit them, deploy an image built from a commit (webstack:imageTag or IMAGE_TAG), or set webstack:allowDirty true",
                );
            }
        }
        return resolved;
    } catch (err) {
        if (err instanceof GitError) throw failure(`cannot name the images built here from ${repoDir} (${err.message}); ${fallbacks}`);
        throw err;
    }
}

/**
 * The tag of the images built here. First set wins: webstack:imageTag (or --image-tag), IMAGE_TAG, GITHUB_SHA,
 * then the commit checked out in `repoDir`. A set-but-invalid source is an error naming it; it never falls through.
 */
export function resolveImageTag(options: ResolveTagOptions): ResolvedTag {
    const sources: [string, string | undefined][] = [
        ["webstack:imageTag", options.configured],
        ["IMAGE_TAG", options.env.IMAGE_TAG],
        ["GITHUB_SHA", options.env.GITHUB_SHA],
    ];
    for (const [source, value] of sources) {
        if (value !== undefined) return checked(value, source);
    }
    return fromGit(options);
}
