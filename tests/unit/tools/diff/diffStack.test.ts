import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { compareResources, formatPath, type RenderedResource } from "../../../../tools/diff/compare";
import { diffStack } from "../../../../tools/diff/diffStack";
import { markdownBudget, renderMarkdown, type MarkdownOptions } from "../../../../tools/diff/markdown";
import { RenderFailure } from "../../../../tools/diff/renderChild";
import { projectDir } from "../../../../infra/config/project";
import { runTsx } from "../../../support/childProcess";
import { writeStackFile } from "../../../support/render";

function resource(type: string, name: string, inputs: Record<string, unknown> = {}, extra: Partial<RenderedResource> = {}): RenderedResource {
    return { type, name, parent: "pulumi:pulumi:Stack::webstack-dev", provider: null, protect: false, dependsOn: [], inputs, ...extra };
}

const deployment = (replicas: number, image: string, extra: Partial<RenderedResource> = {}) =>
    resource(
        "kubernetes:apps/v1:Deployment",
        "web",
        {
            metadata: { name: "web", labels: { "app.kubernetes.io/name": "web" } },
            spec: { replicas, template: { spec: { containers: [{ name: "web", image }] } } },
        },
        extra,
    );
const secret = (extra: Record<string, unknown> = {}) => resource("kubernetes:core/v1:Secret", "web-env", { data: { API_TOKEN: "[secret]" }, ...extra });
const namespace = resource("kubernetes:core/v1:Namespace", "web", { metadata: { name: "web" } });

const base = [namespace, deployment(1, "repo/web:aaaaaaa"), secret(), resource("kubernetes:core/v1:Service", "old")];
const head = [
    namespace,
    deployment(2, "repo/web:bbbbbbb", { protect: true, dependsOn: ["kubernetes:core/v1:Namespace::web"] }),
    secret(),
    resource("kubernetes:core/v1:Service", "new", { spec: { type: "ClusterIP" } }),
];

const mdOptions: MarkdownOptions = { stack: "dev", baseLabel: "`main` (abc)", headLabel: "working tree", jsonCommand: "npm run diff -- --stack dev --base main --format json" };

describe("compareResources", () => {
    const diff = compareResources(base, head);

    it("sorts resources into added, removed, changed and unchanged by type::name", () => {
        assert.deepEqual(diff.added.map((e) => e.key), ["kubernetes:core/v1:Service::new"]);
        assert.deepEqual(diff.removed.map((e) => e.key), ["kubernetes:core/v1:Service::old"]);
        assert.deepEqual(diff.changed.map((c) => c.key), ["kubernetes:apps/v1:Deployment::web"]);
        assert.deepEqual(diff.added[0].resource.inputs, { spec: { type: "ClusterIP" } });
        assert.equal(diff.summary.unchanged, 2);
        assert.deepEqual(diff.summary.byType, {
            "kubernetes:apps/v1:Deployment": { added: 0, changed: 1, removed: 0 },
            "kubernetes:core/v1:Service": { added: 1, changed: 0, removed: 1 },
        });
    });

    it("lists changed inputs by dot/bracket path with old and new values", () => {
        assert.deepEqual(diff.changed[0].inputs, [
            { path: "spec.replicas", kind: "changed", old: 1, new: 2 },
            { path: "spec.template.spec.containers[0].image", kind: "changed", old: "repo/web:aaaaaaa", new: "repo/web:bbbbbbb" },
        ]);
    });

    it("reports changed resource options: protect, parent, provider, dependsOn", () => {
        assert.deepEqual(diff.changed[0].options, [
            { path: "protect", kind: "changed", old: false, new: true },
            { path: "dependsOn", kind: "added", new: "kubernetes:core/v1:Namespace::web" },
        ]);
        const moved = compareResources([namespace], [{ ...namespace, parent: "webstack:app:AppNamespace::web", provider: "pulumi:providers:kubernetes::k", dependsOn: [] }]);
        assert.deepEqual(moved.changed[0].options.map((o) => [o.path, o.old, o.new]), [
            ["parent", "pulumi:pulumi:Stack::webstack-dev", "webstack:app:AppNamespace::web"],
            ["provider", null, "pulumi:providers:kubernetes::k"],
        ]);
        const dropped = compareResources([{ ...namespace, dependsOn: ["a::b"] }], [namespace]);
        assert.deepEqual(dropped.changed[0].options, [{ path: "dependsOn", kind: "removed", old: "a::b" }]);
    });

    it("reports added and removed input keys", () => {
        const d = compareResources([resource("t:m:T", "x", { a: 1 })], [resource("t:m:T", "x", { b: [1] })]);
        assert.deepEqual(d.changed[0].inputs, [
            { path: "a", kind: "removed", old: 1 },
            { path: "b", kind: "added", new: [1] },
        ]);
    });

    it("cannot see changes behind [secret], and says which paths those are", () => {
        assert.equal(diff.summary.withHiddenSecrets, 1, "the unchanged Secret is counted");
        const d = compareResources([secret({ type: "Opaque" })], [secret({ type: "kubernetes.io/tls" })]);
        assert.deepEqual(d.changed[0].hiddenSecrets, ["data.API_TOKEN"]);
        assert.deepEqual(d.changed[0].inputs, [{ path: "type", kind: "changed", old: "Opaque", new: "kubernetes.io/tls" }]);
    });

    it("an identical render has no differences", () => {
        const same = compareResources(base, structuredClone(base));
        assert.deepEqual([same.summary.added, same.summary.changed, same.summary.removed, same.summary.unchanged], [0, 0, 0, base.length]);
    });

    it("keeps resources registered twice under one type::name apart by parent", () => {
        const twin = (parent: string, replicas: number) => resource("t:m:T", "x", { replicas }, { parent });
        const d = compareResources([twin("a::1", 1), twin("b::2", 1)], [twin("a::1", 1), twin("b::2", 3)]);
        assert.deepEqual(d.changed.map((c) => c.key), ["t:m:T::x (child of b::2)"]);
        assert.equal(d.summary.unchanged, 1);
    });

    it("formats paths the way a Kubernetes operator writes them", () => {
        assert.equal(formatPath(["metadata", "annotations", "pulumi.com/skipAwait"]), 'metadata.annotations["pulumi.com/skipAwait"]');
        assert.equal(formatPath(["spec", "rules", 0, "http", "paths", 1]), "spec.rules[0].http.paths[1]");
    });
});

describe("renderMarkdown", () => {
    const diff = compareResources(base, head);
    const md = renderMarkdown(diff, mdOptions);

    it("starts with the stack, the refs and the counts, overall and by type", () => {
        assert.ok(md.startsWith("## Offline diff of stack `dev`: `main` (abc) → working tree\n"), md.slice(0, 200));
        assert.match(md, /\*\*1 to add, 1 to change, 1 to remove\*\* \(2 unchanged\)/);
        assert.match(md, /\| <code>kubernetes:core\/v1:Service<\/code> \| 1 \| 0 \| 1 \|/);
        assert.match(md, /\| \*\*Total\*\* \| \*\*1\*\* \| \*\*1\*\* \| \*\*1\*\* \|/);
        assert.match(md, /1 resource holds secret values masked on both sides/);
    });

    it("lists added and removed resources, and details each changed one in a collapsible table", () => {
        assert.match(md, /### Removed \(1\)\n\n- <code>kubernetes:core\/v1:Service::old<\/code>/);
        assert.match(md, /### Added \(1\)\n\n- <code>kubernetes:core\/v1:Service::new<\/code>/);
        assert.match(md, /<details><summary><code>kubernetes:apps\/v1:Deployment::web<\/code>: 4 changes<\/summary>/);
        assert.match(md, /\| <code>spec\.replicas<\/code> \| <code>1<\/code> \| <code>2<\/code> \|/);
        assert.match(md, /\| <code>protect<\/code> <i>\(option\)<\/i> \| <code>false<\/code> \| <code>true<\/code> \|/);
        assert.match(md, /\| <code>dependsOn<\/code> <i>\(option\)<\/i> \| — \| <code>"kubernetes:core\/v1:Namespace::web"<\/code> \|/);
        assert.doesNotMatch(md, /Truncated/);
    });

    it("shows secrets masked on both sides as hidden values", () => {
        const out = renderMarkdown(compareResources([secret({ type: "a" })], [secret({ type: "b" })]), mdOptions);
        assert.match(out, /\| <code>data\.API_TOKEN<\/code> \| \[secret\] \(value hidden\) \| \[secret\] \(value hidden\) \|/);
    });

    it("escapes table-breaking characters and shortens long values", () => {
        const d = compareResources([resource("t:m:T", "x", { cmd: "a | b <c>", blob: "x".repeat(500) })], [resource("t:m:T", "x", { cmd: "a || b", blob: "y".repeat(500) })]);
        const out = renderMarkdown(d, { ...mdOptions, maxValueLength: 40 });
        assert.match(out, /<code>"a &#124; b &lt;c&gt;"<\/code>/);
        const blobRow = out.split("\n").find((l) => l.includes("<code>blob</code>"))!;
        assert.ok(blobRow.length < 150 && blobRow.includes("…"), blobRow);
    });

    it("says so when nothing changes, and shows notes under the title", () => {
        const out = renderMarkdown(compareResources(base, base), { ...mdOptions, notes: ["`v0` has no offline render CLI"] });
        assert.match(out, /\n> `v0` has no offline render CLI\n/);
        assert.match(out, /\*\*No changes\*\* \(4 resources unchanged\)/);
        assert.doesNotMatch(out, /<details>/);
    });

    it("caps the rows of one resource and counts the rest", () => {
        const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
        const d = compareResources([resource("t:m:T", "x", many)], [resource("t:m:T", "x", {})]);
        const out = renderMarkdown(d, { ...mdOptions, maxRows: 10 });
        assert.equal(out.split("\n").filter((l) => l.startsWith("| <code>k")).length, 10);
        assert.match(out, /\| … \| 20 more rows in the JSON diff \| \|/);
    });

    it("stays under 60,000 characters: summary first, then details until the budget, then a truncation note", () => {
        const n = 400;
        const big = (tag: string) => Array.from({ length: n }, (_, i) => resource("kubernetes:apps/v1:Deployment", `app-${i}`, { image: `${"r".repeat(100)}:${tag}`, env: [{ name: "A", value: `${tag}-${i}` }] }));
        const extra = Array.from({ length: 50 }, (_, i) => resource("kubernetes:core/v1:ConfigMap", `added-${i}`));
        const d = compareResources(big("1"), [...big("2"), ...extra]);
        const full = renderMarkdown(d, { ...mdOptions, budget: Number.MAX_SAFE_INTEGER });
        assert.ok(full.length > markdownBudget, `fixture too small to prove truncation: ${full.length}`);

        const out = renderMarkdown(d, mdOptions);
        assert.ok(out.length <= markdownBudget, `${out.length} characters`);
        assert.match(out, /\*\*50 to add, 400 to change, 0 to remove\*\*/);
        assert.match(out, /\| \*\*Total\*\* \| \*\*50\*\* \| \*\*400\*\* \| \*\*0\*\* \|/);
        assert.match(out, /### Added \(50\)/, "the short lists come before the details");
        const details = out.split("<details>").length - 1;
        assert.ok(details > 0 && details < n, `${details} details shown`);
        const note = /\*\*Truncated:\*\* (\d+) of 450 resources left out to keep this under 60,000 characters\. Full diff: `npm run diff -- --stack dev --base main --format json`/.exec(out);
        assert.ok(note, out.slice(-400));
        assert.equal(Number(note[1]), n - details, "every resource is either shown or counted as left out");
        assert.ok(out.trimEnd().endsWith("`"), "the note is last");
    });
});

/** A throwaway project whose `render CLI` copies resources.fixture.json (or fails for stack "broken"). */
function fakeProject(): { dir: string; commit(message: string): string } {
    const dir = mkdtempSync(join(tmpdir(), "webstack-diff-test-"));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
    git("init", "--quiet");
    writeFileSync(join(dir, ".gitignore"), "node_modules\n");
    copyFileSync(join(projectDir, "package-lock.json"), join(dir, "package-lock.json"));
    symlinkSync(join(projectDir, "node_modules"), join(dir, "node_modules"), "dir");
    return {
        dir,
        commit(message) {
            git("add", "-A");
            git("-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", message);
            return git("rev-parse", "HEAD");
        },
    };
}

const fakeCli = `
const { copyFileSync, mkdirSync } = require("node:fs");
const arg = (flag) => process.argv[process.argv.indexOf(flag) + 1];
if (arg("--stack") === "broken") { console.error("render failed: the broken stack is broken"); process.exit(1); }
mkdirSync(arg("--out"), { recursive: true });
copyFileSync("resources.fixture.json", arg("--out") + "/resources.json");
`;

describe("diffStack against git history (a throwaway repository)", () => {
    const project = fakeProject();
    after(() => rmSync(project.dir, { recursive: true, force: true }));
    writeFileSync(join(project.dir, "README.md"), "before the render CLI\n");
    const noCli = project.commit("no render CLI yet");
    mkdirSync(join(project.dir, "infra", "offline"), { recursive: true });
    writeFileSync(join(project.dir, "infra", "offline", "cli.ts"), fakeCli);
    writeFileSync(join(project.dir, "resources.fixture.json"), JSON.stringify([namespace, deployment(1, "repo/web:aaaaaaa")]));
    const withCli = project.commit("render CLI");
    // The working tree, uncommitted: one change, and the render CLI moved to where it lives now (tools/render/):
    // each side renders with the CLI of its own layout.
    writeFileSync(join(project.dir, "resources.fixture.json"), JSON.stringify([namespace, deployment(3, "repo/web:aaaaaaa")]));
    mkdirSync(join(project.dir, "tools", "render"), { recursive: true });
    renameSync(join(project.dir, "infra", "offline", "cli.ts"), join(project.dir, "tools", "render", "cli.ts"));

    it("renders a commit in a worktree (render CLI in infra/offline/) and the working tree (in tools/render/), and compares them", async () => {
        const report = await diffStack({ stack: "dev", base: "HEAD", projectDir: project.dir });
        assert.deepEqual(report.base, { ref: "HEAD", commit: withCli, rendered: true });
        assert.deepEqual(report.head, { ref: "working tree", rendered: true });
        assert.deepEqual(report.changed[0].inputs, [{ path: "spec.replicas", kind: "changed", old: 1, new: 3 }]);
        assert.equal(report.summary.unchanged, 1);
        const worktrees = execFileSync("git", ["worktree", "list"], { cwd: project.dir, encoding: "utf8" }).trim().split("\n");
        assert.equal(worktrees.length, 1, `worktrees left behind: ${worktrees.join("; ")}`);
    });

    it("a base without the render CLI has an empty side, and the report says so", async () => {
        const report = await diffStack({ stack: "dev", base: noCli.slice(0, 7), head: "HEAD", projectDir: project.dir });
        assert.equal(report.base.rendered, false);
        assert.match(report.base.note!, /has no offline render CLI \(tools\/render\/cli\.ts or infra\/offline\/cli\.ts\), so the base side is empty/);
        assert.deepEqual(report.added.map((a) => a.key), ["kubernetes:core/v1:Namespace::web", "kubernetes:apps/v1:Deployment::web"]);
    });

    it("a head that fails to render is an error carrying the render's stderr", async () => {
        await assert.rejects(diffStack({ stack: "broken", base: "HEAD", projectDir: project.dir }), (err: unknown) => {
            assert.ok(err instanceof RenderFailure);
            assert.match(err.message, /stack broken at the working tree failed:\nrender failed: the broken stack is broken/);
            return true;
        });
    });

    it("an unknown ref is an error naming it", async () => {
        await assert.rejects(diffStack({ stack: "dev", base: "no-such-branch", projectDir: project.dir }), /unknown git ref 'no-such-branch'/);
    });
});

/** The e2e below reuses this checkout's node_modules, so the lockfile must be the committed one. */
function lockfileChangedSinceHead(): string | false {
    try {
        execFileSync("git", ["diff", "--quiet", "HEAD", "--", "package-lock.json"], { cwd: projectDir });
        return false;
    } catch {
        return "package-lock.json differs from HEAD's, so each checkout would run npm ci (minutes); commit it to run this test";
    }
}

/**
 * A local clone of this repository's HEAD with one more commit that moves every Service's port from 80 to 81:
 * a change whose every consequence is known.
 */
function cloneWithServicePortChange(): string {
    const dir = mkdtempSync(join(tmpdir(), "webstack-diff-e2e-"));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" });
    execFileSync("git", ["clone", "--quiet", "--shared", projectDir, dir]);
    symlinkSync(join(projectDir, "node_modules"), join(dir, "node_modules"), "dir");
    const file = join(dir, "infra", "webapp", "ports.ts");
    const source = readFileSync(file, "utf8");
    assert.match(source, /export const defaultHttpServicePort = 80;/);
    writeFileSync(file, source.replace("export const defaultHttpServicePort = 80;", "export const defaultHttpServicePort = 81;"));
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "-am", "service port 81");
    return dir;
}

describe("npm run diff (this repository)", () => {
    // An existing-cluster stack file: renders without any cloud component.
    const config = writeStackFile({
        "webstack:cloud": "existing",
        "webstack:apps": { nginx: { image: "nginxinc/nginx-unprivileged", tag: "1.27.4-alpine", port: 8080, expose: "loadBalancer" } },
    });
    const cli = (args: string[], cwd = projectDir) => runTsx("tools/diff/cli.ts", args, { cwd });
    const skip = lockfileChangedSinceHead();
    // The CLI runs start while the test files load (see runChild).
    const clone = skip ? undefined : cloneWithServicePortChange();
    after(() => clone && rmSync(clone, { recursive: true, force: true }));
    const portChange = clone ? cli(["--stack", "dev", "--base", "HEAD~1", "--head", "HEAD", "--config", config], clone) : undefined;
    const badRef = cli(["--stack", "dev", "--base", "no-such-ref-xyz"]);
    const noBase = cli(["--stack", "dev"]);
    const badFormat = cli(["--stack", "dev", "--base", "HEAD", "--format", "html"]);

    it("a commit that changes the Service port: exactly that change, in the Markdown a pull request gets", { timeout: 300_000, skip }, async () => {
        const { code, stdout: md, stderr } = await portChange!;
        assert.equal(code, 0, stderr);
        assert.match(md, /^## Offline diff of stack `dev`: `HEAD~1` \([0-9a-f]{12}\) → `HEAD` \([0-9a-f]{12}\)/);
        assert.match(md, /\*\*0 to add, 1 to change, 0 to remove\*\* \(\d+ unchanged\)/);
        const changed = md.split("### Changed (1)")[1];
        assert.ok(changed, `no changed section:\n${md.slice(0, 600)}`);
        assert.match(changed, /Service.*nginx/);
        const rows = changed.split("\n").filter((line) => line.startsWith("| <code>"));
        assert.equal(rows.length, 1, `expected one changed input:\n${changed}`);
        assert.match(rows[0], /spec\.ports\[0\]\.port.*80.*81/);
    });

    it("exits non-zero with a message on a bad ref or bad arguments", async () => {
        const ref = await badRef;
        assert.equal(ref.code, 1);
        assert.match(ref.stderr, /diff failed: unknown git ref 'no-such-ref-xyz'/);
        const base = await noBase;
        assert.equal(base.code, 2);
        assert.match(base.stderr, /--base is required/);
        const format = await badFormat;
        assert.equal(format.code, 2);
        assert.match(format.stderr, /--format must be markdown or json/);
    });
});
