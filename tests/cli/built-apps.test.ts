import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { RecordedResource } from "../../tools/render/recorder";
import { builtApps, ecrRepositoryUrns, urn } from "../../tools/workflow/builtApps";
import { reviewPushers } from "../../infra/config/reviewPushers";
import { builtAppsCommand } from "../../tools/workflow/builtAppsCommand";
import { stackConfig } from "../../tools/workflow/stackConfig";
import { projectDir } from "../../infra/config/project";
import { runChild } from "../support/childProcess";
import { inProcess } from "../support/inProcess";
import { onEks, renderStack, stackFileConfig, variant } from "../support/render";

/** `npm run built-apps -- <args>` in this process. */
const cli = (...args: string[]) => inProcess(builtAppsCommand, args);
const registry = "europe-west1-docker.pkg.dev/acme-webstack-dev/webstack";

/** dev plus a second app built here and one built here into a repository of its own. */
const threeApps = variant("dev", {
    "webstack:apps": {
        ...(stackFileConfig("dev")["webstack:apps"] as Record<string, unknown>),
        worker: { build: "app/worker" },
        tools: { build: "app/tools", image: "ghcr.io/acme/tools" },
    },
});

describe("the apps CI builds: one list from the stack config", () => {
    it("dev: web-server, built from app/web-server into the dev registry; nginx is not built here", () => {
        assert.deepEqual(builtApps(stackConfig(projectDir, "dev"), registry), [
            { name: "web-server", context: "app/web-server", repository: `${registry}/web-server`, stackRegistry: true },
        ]);
    });

    it("every app with build, in config order; an app's own image is its repository", () => {
        const apps = builtApps(stackConfig(projectDir, "dev", { configFile: threeApps }), registry);
        assert.deepEqual(apps.map((a) => [a.name, a.context, a.repository, a.stackRegistry]), [
            ["web-server", "app/web-server", `${registry}/web-server`, true],
            ["worker", "app/worker", `${registry}/worker`, true],
            ["tools", "app/tools", "ghcr.io/acme/tools", false],
        ]);
    });

    it("a tenant stack builds the apps it inherits from the shared stack's file", () => {
        assert.deepEqual(builtApps(stackConfig(projectDir, "pr-42"), registry).map((a) => a.name), ["web-server"]);
    });

    it("needs the registry as soon as an app is pushed to the stack's registry", () => {
        assert.throws(() => builtApps(stackConfig(projectDir, "dev")), /apps\.web-server is pushed to the stack's registry: pass the registry/);
    });

    it("the CLI prints the list as one line of JSON for a workflow matrix, and refuses an invalid stack config", () => {
        const { stdout } = cli("--stack", "dev", "--config", threeApps, "--registry", registry);
        assert.equal(stdout.trim().split("\n").length, 1);
        assert.deepEqual(JSON.parse(stdout).map((a: { name: string }) => a.name), ["web-server", "worker", "tools"]);
        const broken = variant("dev", { "webstack:apps": { worker: { build: "app/worker", port: "80" } } });
        const refused = cli("--stack", "dev", "--config", broken, "--registry", registry);
        assert.equal(refused.code, 1);
        assert.match(refused.stderr, /webstack:apps\.worker\.port/);
        assert.equal(refused.stdout, "", "no list for a workflow to run");
    });

    it("on EKS: the URNs of exactly the ECR repositories the render declares for those apps, for `pulumi up --target`", async () => {
        const file = onEks("dev");
        const config = stackConfig(projectDir, "dev", { configFile: file });
        assert.ok(reviewPushers(config).length > 0, "dev has review stacks and developers");
        const targets = ecrRepositoryUrns("dev", "webstack", builtApps(config, registry), { reviewPushers: true });
        const result = await renderStack("dev", { configFile: file });
        const byRef = new Map(result.resources.map((r) => [`${r.type}::${r.name}`, r]));
        /** A recorded resource's URN: its ancestors' types below the stack, then its own. */
        const urnOf = (r: RecordedResource) => {
            const types = [r.type];
            for (let p = r.parent; p && !p.startsWith("pulumi:pulumi:Stack::"); p = byRef.get(p)?.parent ?? null) types.unshift(byRef.get(p)!.type);
            return urn("dev", "webstack", types, r.name);
        };
        const ecr = result.resources.filter((r) => r.type === "webstack:registry:Ecr" || (byRef.get(r.parent ?? "")?.type === "webstack:registry:Ecr")).map(urnOf);
        assert.equal(ecr.length, 8, "its repository and its review repository: each the component, its repository, its lifecycle and its repository policy");
        assert.deepEqual([...targets].sort(), ecr.sort());
        const { stdout } = cli("--stack", "dev", "--config", file, "--format", "targets");
        assert.deepEqual(stdout.trim().split("\n").sort(), ecr.sort());
        assert.equal(cli("--stack", "dev", "--format", "targets").stdout, "", "nothing to create on GKE");
    });
});

describe("the workflows' wrapper around it", () => {
    // The wrapper runs the CLI as a process; started while the test files load (see runChild).
    const output = join(mkdtempSync(join(tmpdir(), "gh-output-")), "output");
    const wrapper = runChild("bash", [".github/scripts/list-built-apps.sh", "dev"], { env: { ...process.env, REGISTRY: registry, GITHUB_OUTPUT: output } });

    it("list-built-apps.sh writes the list and its length to GITHUB_OUTPUT", async () => {
        const { code, stderr } = await wrapper;
        assert.equal(code, 0, stderr);
        const lines = readFileSync(output, "utf8").trim().split("\n");
        assert.equal(lines[1], "count=1");
        assert.deepEqual(JSON.parse(lines[0].slice("apps=".length)), builtApps(stackConfig(projectDir, "dev"), registry));
    });
});

describe("npm run built-apps: a stack file that is not YAML", () => {
    it("is one problem naming the file, without a stack trace", () => {
        const file = join(mkdtempSync(join(tmpdir(), "webstack-yaml-")), "Pulumi.broken.yaml");
        writeFileSync(file, "config:\n  webstack:cloud: [gcp\n");
        const { code, stderr } = cli("--stack", "dev", "--config", file);
        assert.equal(code, 1);
        assert.match(stderr, new RegExp(`^Invalid stack configuration \\(1 problem\\):\\n  - ${file.replace(/[.]/g, "\\.")}: is not valid YAML: `));
        assert.doesNotMatch(stderr, /\n\s+at /);
    });
});
