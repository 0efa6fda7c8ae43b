import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { projectDir } from "../../../../infra/config/project";
import { PulumiCli } from "../../../../tools/workflow/pulumiCli";
import { tenantImages } from "../../../../tools/workflow/tenantImages";
import { fakePulumi } from "../../../support/standIns";

/** A git repository holding this project's Pulumi.yaml and Pulumi.dev.yaml, one commit. */
function checkout(): { dir: string; head: string } {
    const dir = mkdtempSync(join(tmpdir(), "tenant-images-"));
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml"]) copyFileSync(join(projectDir, file), join(dir, file));
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: dir, encoding: "utf8" }).trim();
    git("init", "--quiet");
    git("add", ".");
    git("commit", "--quiet", "-m", "base");
    return { dir, head: git("rev-parse", "HEAD") };
}

const registry = "europe-west1-docker.pkg.dev/acme/webstack";
const images = (dir: string, env: Record<string, string> = {}) =>
    tenantImages({ cli: new PulumiCli({ cwd: dir, env: process.env }, join(fakePulumi().dir, "pulumi")), stack: "dev-alice", projectDir: dir, registry, env });

describe("the images a tenant stack will run, and their tag", () => {
    it("a clean checkout: its commit, buildable here", () => {
        const { dir, head } = checkout();
        const result = images(dir);
        assert.equal(result.imageTag, head);
        assert.deepEqual(result.images.map((i) => [i.app.name, i.ref, i.notBuildable]), [["web-server", `${registry}/web-server:${head}`, undefined]]);
    });

    it("uncommitted changes: <commit>-dirty-<fingerprint>, the same for the same edits, another for other edits", () => {
        const { dir, head } = checkout();
        writeFileSync(join(dir, "notes.txt"), "wip\n");
        const first = images(dir).imageTag;
        assert.match(first, new RegExp(`^${head}-dirty-[0-9a-f]{12}$`));
        assert.equal(images(dir).imageTag, first);
        writeFileSync(join(dir, "notes.txt"), "more wip\n");
        assert.notEqual(images(dir).imageTag, first);
        assert.equal(images(dir).images[0].notBuildable, undefined, "built from this tree, under its own tag");
    });

    it("a tag from IMAGE_TAG naming another commit: looked up, never built from this checkout", () => {
        const { dir } = checkout();
        const other = "0123456789abcdef0123456789abcdef01234567";
        const [image] = images(dir, { IMAGE_TAG: other }).images;
        assert.equal(image.ref, `${registry}/web-server:${other}`);
        assert.match(image.notBuildable ?? "", /names another commit than this checkout's/);
    });
});
