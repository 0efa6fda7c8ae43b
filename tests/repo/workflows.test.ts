import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { projectDir } from "../../infra/config/project";

/**
 * The workflows' credentials and shipping, read from the YAML: which job can reach which environment's
 * secrets, that pull-request code never reaches a deployer's, and that every built app is built before a deploy.
 */

interface Job {
    environment?: string | { name: string };
    needs?: string | string[];
    if?: string;
    strategy?: { matrix?: Record<string, unknown> };
    steps?: { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }[];
}
interface Workflow {
    on: Record<string, unknown>;
    jobs: Record<string, Job>;
}

const dir = join(projectDir, ".github", "workflows");
const files = readdirSync(dir).filter((f) => f.endsWith(".yml"));
const text = (file: string) => readFileSync(join(dir, file), "utf8");
const workflow = (file: string) => parse(text(file)) as Workflow;
const environmentOf = (job: Job) => (typeof job.environment === "string" ? job.environment : job.environment?.name);
const usesSecrets = (job: Job) => /\bsecrets\./.test(JSON.stringify(job));
const triggeredByPullRequests = (w: Workflow) => Object.keys(w.on).some((e) => e.startsWith("pull_request"));

/** Environments that hold a deployer's (or the sweep's) credentials; each admits main only. */
const mainOnly = ["dev", "production", "tenant-sweeper"];
/** What pull-request code may reach: read-only previewers and the review-stack identity. */
const forPullRequests = ["preview-${{ matrix.stack }}", "review-stacks"];

describe("workflows: credentials", () => {
    it("every job that reads a secret runs in an environment, and the only secret is that environment's Pulumi token", () => {
        for (const file of files) {
            for (const [name, job] of Object.entries(workflow(file).jobs)) {
                if (!usesSecrets(job)) continue;
                assert.ok(environmentOf(job), `${file} ${name} reads secrets outside an environment (repository secrets reach pull requests)`);
                const secrets = [...JSON.stringify(job).matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]);
                assert.deepEqual([...new Set(secrets)], ["PULUMI_ACCESS_TOKEN"], `${file} ${name}`);
            }
        }
    });

    it("pull-request workflows reach only the read-only previewers and the review-stack identity; never pull_request_target", () => {
        const prWorkflows = files.filter((f) => triggeredByPullRequests(workflow(f)));
        assert.deepEqual(prWorkflows.sort(), ["preview.yml", "review-stack.yml"]);
        for (const file of prWorkflows) {
            assert.ok(!Object.keys(workflow(file).on).includes("pull_request_target"), file);
            for (const [name, job] of Object.entries(workflow(file).jobs)) {
                const environment = environmentOf(job);
                if (environment !== undefined) assert.ok(forPullRequests.includes(environment), `${file} ${name} uses environment ${environment}`);
            }
        }
    });

    it("prod's token and role are reachable only from deploy.yml's prod job, after dev, on pushes to main", () => {
        const users = files.flatMap((f) => Object.entries(workflow(f).jobs).filter(([, j]) => environmentOf(j) === "production").map(([n]) => `${f} ${n}`));
        assert.deepEqual(users, ["deploy.yml up-prod"]);
        const deploy = workflow("deploy.yml");
        assert.deepEqual(Object.keys(deploy.on).sort(), ["push", "workflow_dispatch"]);
        assert.deepEqual((deploy.on.push as { branches: string[] }).branches, ["main"]);
        assert.ok([deploy.jobs["up-prod"].needs].flat().includes("up-dev"));
        for (const env of mainOnly) assert.ok(!forPullRequests.includes(env));
    });

    it("every action is pinned to a commit SHA with its version in a comment", () => {
        const actionFiles = [...files.map((f) => join(dir, f)), ...readdirSync(join(projectDir, ".github", "actions")).map((a) => join(projectDir, ".github", "actions", a, "action.yml"))];
        for (const file of actionFiles) {
            for (const line of readFileSync(file, "utf8").split("\n").filter((l) => /^\s*(- )?uses: /.test(l) && !l.includes("./"))) {
                assert.match(line, /uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, `${file}: ${line.trim()}`);
            }
        }
    });
});

describe("workflows: every built app shipped", () => {
    for (const [file, deployJob, stackArg] of [["deploy.yml", "up-dev", "dev"], ["review-stack.yml", "deploy", '"$STACK"']] as const) {
        it(`${file}: one build per app of the list built-apps derives from the stack config; ${deployJob} runs only when all builds pass`, () => {
            const w = workflow(file);
            const list = w.jobs.apps.steps!.find((s) => s.run?.includes("list-built-apps.sh"));
            assert.equal(list?.run, `bash .github/scripts/list-built-apps.sh ${stackArg}`);
            assert.equal(w.jobs.build.needs, "apps");
            assert.equal(w.jobs.build.strategy?.matrix?.app, "${{ fromJSON(needs.apps.outputs.apps) }}");
            const build = w.jobs.build.steps!.find((s) => s.uses === "./.github/actions/build-image");
            assert.deepEqual(build?.with, { name: "${{ matrix.app.name }}", context: "${{ matrix.app.context }}", repository: "${{ matrix.app.repository }}", tag: build?.with?.tag });
            assert.ok([w.jobs[deployJob].needs].flat().includes("build"));
            assert.match(w.jobs[deployJob].if ?? "", /needs\.build\.result == 'success' \|\| needs\.build\.result == 'skipped'/);
            assert.doesNotMatch(w.jobs[deployJob].if ?? "", /always\(\)/);
            assert.doesNotMatch(text(file), /web-server/, "no app is named in the workflow");
        });
    }

    it("deploy.yml creates new apps' ECR repositories before any push, and copies prod's images by digest", () => {
        const w = workflow("deploy.yml");
        const steps = w.jobs.apps.steps!.map((s) => s.run ?? s.uses ?? "");
        assert.ok(steps.some((s) => s === "bash .github/scripts/create-ecr-repositories.sh dev"));
        assert.ok(w.jobs["up-prod"].steps!.some((s) => s.run === "bash .github/scripts/create-ecr-repositories.sh prod"));
        assert.ok(w.jobs["up-prod"].steps!.some((s) => s.run === "bash .github/scripts/copy-images.sh"));
        assert.match(readFileSync(join(projectDir, ".github/scripts/copy-images.sh"), "utf8"), /imagetools create --tag "\$to" "\$FROM\/\$name@\$digest"/);
    });

    it("review-stack.yml deploys with --no-build: its build jobs pushed the images and create only checks them", () => {
        const steps = workflow("review-stack.yml").jobs.deploy.steps!;
        assert.ok(steps.some((s) => s.run === 'npm run stack -- create "$STACK" --no-build'));
    });

    it("sweep-stacks.yml runs the sweep every day, in the sweep's environment", () => {
        const w = workflow("sweep-stacks.yml");
        assert.ok(Array.isArray(w.on.schedule) && (w.on.schedule as { cron: string }[])[0].cron.split(" ").length === 5);
        assert.equal(environmentOf(w.jobs.sweep), "tenant-sweeper");
        assert.ok(w.jobs.sweep.steps!.some((s) => s.run?.includes("npm run stack -- sweep")));
    });
});
