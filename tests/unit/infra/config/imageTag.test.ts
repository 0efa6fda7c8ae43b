import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ConfigError } from "../../../../infra/config/errors";
import { resolveImageTag, type ResolveTagOptions } from "../../../../infra/config/imageTag";

const sha = "0123456789abcdef0123456789abcdef01234567";

/** A fresh repository with one commit; `dirty` leaves a modified tracked file behind. */
function tempRepo(dirty = false): { dir: string; head: string } {
    const dir = mkdtempSync(join(tmpdir(), "webstack-tag-"));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
    git("init", "--quiet");
    writeFileSync(join(dir, "app.txt"), "one\n");
    git("add", "app.txt");
    git("-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "initial");
    if (dirty) writeFileSync(join(dir, "app.txt"), "two\n");
    return { dir, head: git("rev-parse", "HEAD") };
}

const clean = tempRepo();
const dirty = tempRepo(true);
const notARepo = mkdtempSync(join(tmpdir(), "webstack-norepo-"));

function resolve(options: Partial<ResolveTagOptions>) {
    return resolveImageTag({ env: {}, repoDir: clean.dir, prod: false, allowDirty: false, ...options });
}

/** Asserts a ConfigError whose single problem starts with `source:` and matches `pattern`. */
function assertFails(options: Partial<ResolveTagOptions>, source: string, pattern: RegExp) {
    assert.throws(
        () => resolve(options),
        (err: unknown) => {
            assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
            assert.equal(err.problems.length, 1);
            assert.ok(err.problems[0].startsWith(`${source}: `), err.problems[0]);
            assert.match(err.problems[0], pattern);
            return true;
        },
    );
}

describe("image tag precedence", () => {
    const env = { IMAGE_TAG: "v2.0.0", GITHUB_SHA: sha };

    it("webstack:imageTag (--image-tag) wins over the environment and git", () => {
        assert.deepEqual(resolve({ configured: "v1.2.3", env }), { tag: "v1.2.3", source: "webstack:imageTag" });
    });
    it("IMAGE_TAG wins over GITHUB_SHA and git", () => {
        assert.deepEqual(resolve({ env }), { tag: "v2.0.0", source: "IMAGE_TAG" });
    });
    it("GITHUB_SHA wins over git", () => {
        assert.deepEqual(resolve({ env: { GITHUB_SHA: sha } }), { tag: sha, source: "GITHUB_SHA" });
    });
    it("falls back to the commit checked out in repoDir", () => {
        assert.deepEqual(resolve({}), { tag: clean.head, source: "git rev-parse HEAD" });
        assert.match(clean.head, /^[0-9a-f]{40}$/);
    });
    it("a set but invalid source is an error, never a fall-through to the next one", () => {
        assertFails({ env: { IMAGE_TAG: "latest", GITHUB_SHA: sha } }, "IMAGE_TAG", /'latest'/);
    });
});

describe("image tag errors name their source", () => {
    const cases: [Partial<ResolveTagOptions>, string, string][] = [
        [{ configured: "latest" }, "webstack:imageTag", "latest"],
        [{ env: { IMAGE_TAG: "latest" } }, "IMAGE_TAG", "latest"],
        [{ env: { GITHUB_SHA: "LATEST" } }, "GITHUB_SHA", "LATEST"],
    ];
    for (const [options, source, value] of cases) {
        it(`${source}: ${value}`, () => {
            assert.throws(() => resolve(options), { name: "ConfigError", problems: [`${source}: must not be 'latest' (got "${value}")`] });
        });
    }
    it("empty values are errors, not unset", () => {
        assertFails({ configured: "" }, "webstack:imageTag", /must not be empty \(got ""\)/);
        assertFails({ env: { IMAGE_TAG: "" } }, "IMAGE_TAG", /must not be empty/);
        assertFails({ env: { GITHUB_SHA: "" } }, "GITHUB_SHA", /must not be empty/);
    });
    it("characters outside Docker's tag grammar, and over-long tags", () => {
        assertFails({ env: { IMAGE_TAG: "v1.2.3 " } }, "IMAGE_TAG", /must be an image tag/);
        assertFails({ env: { IMAGE_TAG: "-v1" } }, "IMAGE_TAG", /must be an image tag/);
        assertFails({ env: { IMAGE_TAG: "feature/x1" } }, "IMAGE_TAG", /must be an image tag/);
        assertFails({ env: { IMAGE_TAG: `v${"1".repeat(128)}` } }, "IMAGE_TAG", /at most 128/);
    });
    it("floating names without a version number", () => {
        for (const tag of ["stable", "main", "edge"]) assertFails({ configured: tag }, "webstack:imageTag", /must be pinned/);
    });
    it("outside a git repository with no other source", () => {
        assertFails({ repoDir: notARepo }, "git rev-parse HEAD", /cannot name the images built here.*not a git repository.*set webstack:imageTag \(--image-tag\), IMAGE_TAG or GITHUB_SHA/);
    });
});

describe("commit SHAs and release tags", () => {
    it("accepts short and full lowercase SHAs (7 to 40 hex digits)", () => {
        for (const tag of ["abcdef0", sha.slice(0, 12), sha]) assert.equal(resolve({ configured: tag }).tag, tag);
    });
    it("refuses hex of a length no SHA has", () => {
        assertFails({ configured: "abc123" }, "webstack:imageTag", /looks like a commit SHA but has 6 characters; use 7 to 40/);
        assertFails({ env: { GITHUB_SHA: `${sha}a` } }, "GITHUB_SHA", /has 41 characters/);
    });
    it("refuses uppercase SHAs instead of lowercasing them (registry tags are case-sensitive)", () => {
        assertFails({ env: { GITHUB_SHA: sha.toUpperCase() } }, "GITHUB_SHA", /must be a lowercase commit SHA/);
        assertFails({ configured: "ABCDEF0" }, "webstack:imageTag", /lowercase/);
    });
    it("accepts release tags", () => {
        for (const tag of ["v1.2.3", "2024.06.1", "1.4.0-rc.1", "v2", "release_42", "20240601"]) {
            assert.deepEqual(resolve({ env: { IMAGE_TAG: tag } }), { tag, source: "IMAGE_TAG" });
        }
    });
});

describe("uncommitted changes", () => {
    it("prod refuses the SHA of a dirty working tree, listing what is uncommitted", () => {
        assertFails({ repoDir: dirty.dir, prod: true }, "git rev-parse HEAD", /prod deploys only committed code.*1 uncommitted change \(M app\.txt\).*webstack:allowDirty true/);
    });
    it("untracked files count as uncommitted", () => {
        const repo = tempRepo();
        writeFileSync(join(repo.dir, "new.txt"), "x\n");
        assertFails({ repoDir: repo.dir, prod: true }, "git rev-parse HEAD", /\?\? new\.txt/);
    });
    it("prod accepts a dirty tree with allowDirty", () => {
        assert.deepEqual(resolve({ repoDir: dirty.dir, prod: true, allowDirty: true }), { tag: dirty.head, source: "git rev-parse HEAD" });
    });
    it("prod accepts a clean tree; dev accepts a dirty one", () => {
        assert.equal(resolve({ repoDir: clean.dir, prod: true }).tag, clean.head);
        assert.equal(resolve({ repoDir: dirty.dir, prod: false }).tag, dirty.head);
    });
    it("the tree does not matter when the tag comes from config or the environment", () => {
        assert.equal(resolve({ repoDir: dirty.dir, prod: true, configured: "v1.2.3" }).tag, "v1.2.3");
        assert.equal(resolve({ repoDir: dirty.dir, prod: true, env: { GITHUB_SHA: sha } }).tag, sha);
    });
});
