import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { projectDir } from "../../infra/config/project";

/**
 * The workflows' credentials and shipping, read from the YAML: which job can reach which environment's
 * secrets, that pull-request code never reaches a deployer's, and that every built app is built before a deploy.
 */

interface Step {
    uses?: string;
    run?: string;
    id?: string;
    with?: Record<string, unknown>;
    env?: Record<string, string>;
}
interface Job {
    environment?: string | { name: string };
    needs?: string | string[];
    if?: string;
    "runs-on"?: string;
    permissions?: Record<string, string> | string;
    strategy?: { matrix?: Record<string, unknown> };
    steps?: Step[];
}
interface Workflow {
    on: Record<string, unknown>;
    permissions?: Record<string, string> | string;
    jobs: Record<string, Job>;
}

const dir = join(projectDir, ".github", "workflows");
const files = readdirSync(dir).filter((f) => f.endsWith(".yml"));
const text = (file: string) => readFileSync(join(dir, file), "utf8");
const workflow = (file: string) => parse(text(file)) as Workflow;
const environmentOf = (job: Job) => (typeof job.environment === "string" ? job.environment : job.environment?.name);
const usesSecrets = (job: Job) => /\bsecrets\./.test(JSON.stringify(job));
const triggeredByPullRequests = (w: Workflow) => Object.keys(w.on).some((e) => e.startsWith("pull_request"));

/** Environments that hold a deployer's, the sweep's or prod's previewer's credentials; each admits main only. */
const mainOnly = ["dev", "production", "preview-prod", "tenant-sweeper"];
/** What pull-request code may reach: dev's read-only previewer and the review-stack identity. */
const forPullRequests = ["preview-dev", "review-stacks"];

/**
 * Whether a job runs code from the pull request: in a pull_request workflow, any checkout but the base commit's (the
 * default checks out the merge commit); in any workflow, a checkout of the pull request's head.
 */
function runsPullRequestCode(w: Workflow, job: Job): boolean {
    const checkouts = (job.steps ?? []).filter((s) => s.uses?.startsWith("actions/checkout@"));
    return checkouts.some((s) => {
        const ref = String(s.with?.ref ?? "");
        if (triggeredByPullRequests(w)) return ref !== "${{ github.event.pull_request.base.sha }}";
        return /head/.test(ref);
    });
}

/** The token permissions a job holds: its own `permissions`, else the workflow's; undefined means GitHub's default. */
function permissionsOf(w: Workflow, job: Job): Record<string, string> | string | undefined {
    return job.permissions ?? w.permissions;
}

/** The write permissions among them; id-token is not a write to the repository but the OIDC token of the job's identity. */
function writesOf(permissions: Record<string, string> | string | undefined): string[] {
    if (permissions === undefined) return ["(GitHub's default token permissions)"];
    if (typeof permissions === "string") return permissions === "read-all" ? [] : [permissions];
    return Object.entries(permissions).filter(([scope, level]) => level === "write" && scope !== "id-token").map(([scope]) => scope);
}

/** Every job that runs a pull request's code, as `<file> <job>`, with the workflow and the job. */
function pullRequestCodeJobs(): [string, Workflow, Job][] {
    return files.flatMap((f) => {
        const w = workflow(f);
        return Object.entries(w.jobs).filter(([, j]) => runsPullRequestCode(w, j)).map(([n, j]) => [`${f} ${n}`, w, j] as [string, Workflow, Job]);
    });
}

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

    it("pull-request workflows reach only dev's read-only previewer and the review-stack identity; never pull_request_target", () => {
        const prWorkflows = files.filter((f) => triggeredByPullRequests(workflow(f)));
        assert.deepEqual(prWorkflows.sort(), ["preview.yml", "review-stack.yml"]);
        for (const file of prWorkflows) {
            assert.ok(!Object.keys(workflow(file).on).includes("pull_request_target"), file);
            for (const [name, job] of Object.entries(workflow(file).jobs)) {
                const environment = environmentOf(job);
                if (environment !== undefined) assert.ok(forPullRequests.includes(environment), `${file} ${name} uses environment ${environment}`);
            }
        }
        for (const env of mainOnly) assert.ok(!forPullRequests.includes(env));
    });

    it("no pull_request job, and no job that runs a pull request's code, runs on the prod runners (PROD_RUNNER)", () => {
        const prJobs = files.filter((f) => triggeredByPullRequests(workflow(f))).flatMap((f) => Object.entries(workflow(f).jobs).map(([n, j]) => [`${f} ${n}`, j] as const));
        const codeJobs = pullRequestCodeJobs().map(([name, , job]) => [name, job] as const);
        assert.ok(codeJobs.length >= 4, `found the jobs that run PR code: ${codeJobs.map(([n]) => n).join(", ")}`);
        for (const [name, job] of [...prJobs, ...codeJobs]) {
            assert.doesNotMatch(JSON.stringify(job), /PROD_RUNNER/, `${name} may run on the prod runners`);
        }
        // Only main's deploy names them.
        const named = files.flatMap((f) => Object.entries(workflow(f).jobs).filter(([, j]) => /PROD_RUNNER/.test(JSON.stringify(j))).map(([n]) => `${f} ${n}`));
        assert.deepEqual(named.sort(), ["deploy.yml preview-prod", "deploy.yml up-prod", "drift.yml drift"]);
    });

    it("a job that runs a pull request's code holds no write permission (an OIDC token for its own read-limited identity at most)", () => {
        const jobs = pullRequestCodeJobs();
        for (const [name, w, job] of jobs) assert.deepEqual(writesOf(permissionsOf(w, job)), [], `${name} runs PR code with write access`);
        assert.deepEqual(jobs.map(([n]) => n).sort(), [
            "preview.yml checks",
            "preview.yml pulumi-preview",
            "review-stack-deploy.yml deploy",
            "review-stack.yml apps",
            "review-stack.yml build",
        ]);
        // Whoever writes to the pull request runs main's scripts only.
        for (const file of files.filter((f) => /preview|review-stack/.test(f))) {
            const w = workflow(file);
            for (const [name, job] of Object.entries(w.jobs)) {
                if (writesOf(permissionsOf(w, job)).length > 0) assert.ok(!runsPullRequestCode(w, job), `${file} ${name}`);
            }
        }
    });

    it("prod's token and role are reachable only from deploy.yml's prod job, after dev and prod's preview, on pushes to main", () => {
        const users = (env: string) => files.flatMap((f) => Object.entries(workflow(f).jobs).filter(([, j]) => environmentOf(j) === env).map(([n]) => `${f} ${n}`));
        assert.deepEqual(users("production"), ["deploy.yml up-prod"]);
        assert.deepEqual(users("preview-prod"), ["deploy.yml preview-prod"]);
        // The drift check previews prod too, as its previewer, on main only (scheduled, never a pull request).
        const drift = workflow("drift.yml");
        assert.deepEqual(Object.keys(drift.on).sort(), ["schedule", "workflow_dispatch"]);
        assert.equal(drift.jobs.drift.if, "github.ref == 'refs/heads/main'");
        assert.equal(environmentOf(drift.jobs.drift), "preview-${{ matrix.stack }}");
        const deploy = workflow("deploy.yml");
        assert.deepEqual(Object.keys(deploy.on).sort(), ["push", "workflow_dispatch"]);
        assert.deepEqual((deploy.on.push as { branches: string[] }).branches, ["main"]);
        assert.ok([deploy.jobs["up-prod"].needs].flat().includes("up-dev"));
        assert.ok([deploy.jobs["up-prod"].needs].flat().includes("preview-prod"), "the reviewer approves after the live preview of prod");
    });

    it("the tenant-sweeper's identity runs main's code only: scheduled, or after a pull request's build, never its head", () => {
        for (const file of files) {
            const w = workflow(file);
            for (const [name, job] of Object.entries(w.jobs).filter(([, j]) => environmentOf(j) === "tenant-sweeper")) {
                assert.ok(!triggeredByPullRequests(w), `${file} ${name} is triggered by a pull request`);
                assert.ok(!runsPullRequestCode(w, job), `${file} ${name} checks out the pull request`);
            }
        }
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
    for (const [file, stackArg, reuse] of [["deploy.yml", "dev", "true"], ["review-stack.yml", '"pr-${{ github.event.pull_request.number }}"', "false"]] as const) {
        it(`${file}: one build per app of the list built-apps derives from the stack config, each leaving its digest`, () => {
            const w = workflow(file);
            const list = w.jobs.apps.steps!.find((s) => s.run?.includes("list-built-apps.sh"));
            assert.equal(list?.run, `bash .github/scripts/list-built-apps.sh ${stackArg}`);
            assert.equal(w.jobs.build.needs, "apps");
            assert.equal(w.jobs.build.strategy?.matrix?.app, "${{ fromJSON(needs.apps.outputs.apps) }}");
            const build = w.jobs.build.steps!.find((s) => s.uses === "./.github/actions/build-image");
            assert.deepEqual(build?.with, { name: "${{ matrix.app.name }}", context: "${{ matrix.app.context }}", repository: "${{ matrix.app.repository }}", tag: build?.with?.tag, "reuse-existing": reuse });
            const record = w.jobs.build.steps!.find((s) => s.run?.includes("record-digest.sh"));
            assert.equal(record?.env?.DIGEST, `\${{ steps.${build?.id}.outputs.digest }}`);
            const upload = w.jobs.build.steps!.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
            assert.equal(upload?.with?.name, "digest-${{ matrix.app.name }}");
            assert.doesNotMatch(text(file), /web-server/, "no app is named in the workflow");
        });
    }

    it("deploy.yml: up-dev runs only when all builds pass", () => {
        const w = workflow("deploy.yml");
        assert.ok([w.jobs["up-dev"].needs].flat().includes("build"));
        assert.match(w.jobs["up-dev"].if ?? "", /needs\.build\.result == 'success' \|\| needs\.build\.result == 'skipped'/);
        assert.doesNotMatch(w.jobs["up-dev"].if ?? "", /always\(\)/);
    });

    it("review-stack-deploy.yml deploys only after review-stack.yml's run succeeded, with --no-build (the builds pushed every image)", () => {
        const w = workflow("review-stack-deploy.yml");
        assert.deepEqual(w.on, { workflow_run: { workflows: ["review-stack"], types: ["completed"] } });
        assert.match(w.jobs.context.if ?? "", /github\.event\.workflow_run\.conclusion == 'success'/);
        assert.deepEqual([w.jobs.deploy.needs].flat().sort(), ["context", "provision"], "the namespace exists, made by trusted code, before the tenant deploys");
        assert.ok(w.jobs.deploy.steps!.some((s) => s.run === 'npm run stack -- create "$STACK" --no-build'));
        assert.ok(w.jobs.remove.steps!.some((s) => s.run === 'npm run stack -- remove "$STACK"'), "closed: removed without running its state");
    });

    it("deploy.yml creates new apps' ECR repositories before any push", () => {
        const w = workflow("deploy.yml");
        assert.ok(w.jobs.apps.steps!.some((s) => s.run === "bash .github/scripts/create-ecr-repositories.sh dev"));
        assert.ok(w.jobs["up-prod"].steps!.some((s) => s.run === "bash .github/scripts/create-ecr-repositories.sh prod"));
    });

    it("deploy.yml bootstraps a new dev stack before its builds need the registry: signed in, with dev's token, one writer at a time", () => {
        const apps = workflow("deploy.yml").jobs.apps as Job & { concurrency?: { group: string } };
        const steps = apps.steps!;
        const at = (match: (s: Step) => boolean) => steps.findIndex(match);
        const login = at((s) => s.uses === "./.github/actions/cloud-login");
        const bootstrap = at((s) => s.run === "npm run stack -- bootstrap dev");
        const registry = at((s) => s.run === "bash .github/scripts/stack-registry.sh dev");
        assert.ok(login >= 0 && login < bootstrap && bootstrap < registry, "cloud login, then the bootstrap up, then the registry output it creates");
        assert.equal(steps[bootstrap].env?.PULUMI_ACCESS_TOKEN, "${{ secrets.PULUMI_ACCESS_TOKEN }}");
        assert.equal(environmentOf(apps), "dev");
        assert.equal(apps.concurrency?.group, (workflow("deploy.yml").jobs["up-dev"] as Job & { concurrency?: { group: string } }).concurrency?.group, "never beside up-dev");
    });

    it("drift.yml runs the drift check of dev and prod every day, failing while they drift", () => {
        const w = workflow("drift.yml");
        assert.ok(Array.isArray(w.on.schedule) && (w.on.schedule as { cron: string }[])[0].cron.split(" ").length === 5);
        assert.deepEqual(w.jobs.drift.strategy?.matrix?.stack, ["dev", "prod"]);
        assert.ok(w.jobs.drift.steps!.some((s) => s.run === 'npm run stack -- drift "$STACK" --repo "$GITHUB_REPOSITORY"'));
    });

    it("sweep-stacks.yml runs the sweep every day, in the sweep's environment, with kubectl on the shared cluster", () => {
        const w = workflow("sweep-stacks.yml");
        assert.ok(Array.isArray(w.on.schedule) && (w.on.schedule as { cron: string }[])[0].cron.split(" ").length === 5);
        assert.equal(environmentOf(w.jobs.sweep), "tenant-sweeper");
        const steps = w.jobs.sweep.steps!.map((s) => s.run ?? "");
        const kubeconfig = steps.findIndex((r) => r === "bash .github/scripts/shared-kubeconfig.sh dev");
        const sweep = steps.findIndex((r) => r.includes("npm run stack -- sweep"));
        assert.ok(kubeconfig >= 0 && kubeconfig < sweep);
    });
});

describe("workflows: images deploy by digest", () => {
    /** Every step that deploys or previews a stack: pulumi/actions up or preview, or `npm run stack -- create`. */
    const deploySteps = () => files.flatMap((f) => Object.entries(workflow(f).jobs).flatMap(([n, j]) => (j.steps ?? [])
        .filter((s) => (s.uses?.startsWith("pulumi/actions@") && ["up", "preview"].includes(String(s.with?.command))) || s.run?.includes("npm run stack -- create"))
        .map((s) => [`${f} ${n}`, j, s] as const)));

    it("every pulumi up, preview and review-stack create runs with IMAGE_DIGESTS from the digests the builds left", () => {
        const steps = deploySteps();
        assert.deepEqual(steps.map(([n]) => n).sort(), ["deploy.yml preview-prod", "deploy.yml up-dev", "deploy.yml up-prod", "preview.yml pulumi-preview", "review-stack-deploy.yml deploy"]);
        for (const [name, job, step] of steps.filter(([n]) => n !== "preview.yml pulumi-preview")) {
            assert.equal(step.env?.IMAGE_DIGESTS, "${{ steps.digests.outputs.digests }}", name);
            const digests = job.steps!.findIndex((s) => s.id === "digests");
            assert.equal(job.steps![digests]?.uses, "./.github/actions/image-digests", name);
            assert.ok(digests < job.steps!.indexOf(step), `${name}: the digests are read before the deploy`);
        }
        // review-stack-deploy runs on workflow_run: the digests are the triggering build run's, not its own run's.
        const review = workflow("review-stack-deploy.yml").jobs.deploy.steps!.find((s) => s.id === "digests");
        assert.equal(review?.with?.["run-id"], "${{ github.event.workflow_run.id }}");
    });

    it("the image-digests action downloads the builds' digest artifacts of this run or of the run it is given", () => {
        const action = parse(readFileSync(join(projectDir, ".github/actions/image-digests/action.yml"), "utf8")) as { inputs: Record<string, { default?: string }>; runs: { steps: Step[] } };
        const steps = action.runs.steps;
        assert.equal(action.inputs["github-token"].default, "", "no token by default: this run's artifacts, no actions: read needed");
        const downloads = steps.filter((s) => s.uses?.startsWith("actions/download-artifact@"));
        assert.equal(downloads.length, 1);
        // download-artifact reads another run only with a token; without one (the default, ""), this run's.
        assert.deepEqual(downloads[0].with, {
            pattern: "digest-*", "merge-multiple": true, path: "${{ runner.temp }}/digests",
            "run-id": "${{ inputs.run-id }}", "github-token": "${{ inputs.github-token }}",
        });
        assert.equal(steps.at(-1)?.run, 'bash "$GITHUB_ACTION_PATH/image-digests.sh" "$RUNNER_TEMP/digests"');
    });

    /** image-digests.sh on digest files `files` (name -> content): its exit code, its GITHUB_OUTPUT and its log. */
    function imageDigests(files: Record<string, string>) {
        const dir = mkdtempSync(join(tmpdir(), "digests-"));
        for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
        const output = join(dir, "github-output");
        writeFileSync(output, "");
        const run = spawnSync("bash", [join(projectDir, ".github/actions/image-digests/image-digests.sh"), dir], { env: { ...process.env, GITHUB_OUTPUT: output }, encoding: "utf8" });
        return { code: run.status, output: readFileSync(output, "utf8"), log: run.stdout + run.stderr };
    }

    it("image-digests.sh merges the builds' digest files into one object, {} when nothing was built, and refuses a digest that is not sha256", () => {
        const a = `sha256:${"a".repeat(64)}`;
        const b = `sha256:${"b".repeat(64)}`;
        const merged = imageDigests({ "nginx.json": JSON.stringify({ nginx: a }), "web-server.json": JSON.stringify({ "web-server": b }) });
        assert.equal(merged.code, 0, merged.log);
        assert.deepEqual(JSON.parse(merged.output.trim().replace(/^digests=/, "")), { nginx: a, "web-server": b });
        assert.equal(imageDigests({}).output.trim(), "digests={}");
        const bad = imageDigests({ "nginx.json": JSON.stringify({ nginx: "latest" }) });
        assert.notEqual(bad.code, 0);
        assert.equal(bad.output, "", "nothing is handed to the deploy");
        assert.match(bad.log, /not sha256:<64 hex digits>/);
    });

    it("up-prod copies the digests dev's builds pushed", () => {
        const copy = workflow("deploy.yml").jobs["up-prod"].steps!.find((s) => s.run === "bash .github/scripts/copy-images.sh");
        assert.equal(copy?.env?.DIGESTS, "${{ steps.digests.outputs.digests }}");
    });

    // copy-images.sh with a stand-in docker that records each call (and answers inspect with the digest it copied).
    const dev = "europe-west1-docker.pkg.dev/acme-dev/webstack";
    const prod = "europe-west1-docker.pkg.dev/acme-prod/webstack";
    const digest = `sha256:${"c".repeat(64)}`;
    const apps = JSON.stringify([{ name: "web-server", repository: `${prod}/web-server`, stackRegistry: true }, { name: "tools", repository: "ghcr.io/acme/tools", stackRegistry: false }]);
    function copyImages(digests: Record<string, string>) {
        const fake = mkdtempSync(join(tmpdir(), "fake-docker-"));
        const log = join(fake, "calls");
        writeFileSync(join(fake, "docker"), `#!/usr/bin/env bash\necho "$*" >>"${log}"\nif [[ $3 == inspect ]]; then echo '{"digest":"${digest}"}'; fi\n`, { mode: 0o755 });
        const run = spawnSync("bash", [join(projectDir, ".github/scripts/copy-images.sh")], {
            env: { ...process.env, PATH: `${fake}:${process.env.PATH}`, APPS: apps, FROM: dev, TAG: "abc1234", DIGESTS: JSON.stringify(digests) },
            encoding: "utf8",
        });
        const calls = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
        return { code: run.status, calls, stderr: run.stderr + run.stdout };
    }

    it("copy-images.sh copies <dev>/<app>@<digest> to <prod>/<app>:<tag>, never looks a tag up, and checks the copy kept the digest", () => {
        const { code, calls, stderr } = copyImages({ "web-server": digest });
        assert.equal(code, 0, stderr);
        assert.deepEqual(calls, [
            `buildx imagetools create --tag ${prod}/web-server:abc1234 ${dev}/web-server@${digest}`,
            `buildx imagetools inspect ${prod}/web-server:abc1234 --format {{json .Manifest}}`,
        ]);
        assert.ok(!calls.some((c) => c.includes(`${dev}/web-server:`)), "the source is never named by tag");
    });

    it("copy-images.sh without a digest for an app copies nothing and fails", () => {
        const { code, calls, stderr } = copyImages({});
        assert.notEqual(code, 0);
        assert.deepEqual(calls, []);
        assert.match(stderr, /web-server: the build jobs left no digest for it; nothing is copied by tag/);
    });
});
