import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { headCommit } from "../../infra/config/git";
import { projectDir } from "../../infra/config/project";
import { fakeDocker, fakePulumi, fakeRegistryDigest, stackInProcess, stackProcess } from "../support/standIns";

/** The shared stack's review registry: a tenant never builds into, or runs from, main's (…/webstack). */
const registry = "europe-west1-docker.pkg.dev/acme/webstack-review";
const head = headCommit(projectDir);
/** The tag create uses from this checkout: its commit, or `<commit>-dirty-<fingerprint>` with uncommitted changes. */
const checkoutTag = new RegExp(`^${head}(-dirty-[0-9a-f]{12})?$`);
const line = (call: string[]) => call.join(" ");

// The one case through the real CLI process, started while the test files load (see runChild).
const noDockerPulumi = fakePulumi();
const noDockerProcess = stackProcess(["create", "dev-alice"], [noDockerPulumi]);

describe("npm run stack -- create: the stack, its secrets, and images that exist", () => {
    it("creates a tenant stack: checks the shared stack, finds the image, inits, sets a generated secret, runs up with that tag", () => {
        const pulumi = fakePulumi();
        const tag = process.env.IMAGE_TAG ?? head;
        const docker = fakeDocker({ engine: true, inRegistry: [`${registry}/web-server:${tag}`] });
        const result = stackInProcess(["create", "dev-alice"], [pulumi, docker], { IMAGE_TAG: tag });
        assert.equal(result.code, 0, result.stderr);
        const calls = pulumi.calls();
        assert.deepEqual(calls[0], ["version"]);
        assert.deepEqual(calls[1], ["stack", "output", "--json", "--show-secrets", "--stack", "dev"]);
        assert.deepEqual(calls[2], ["config", "get", "--stack", "dev-alice", "webstack:imageTag"]);
        assert.deepEqual(calls[3], ["stack", "select", "dev-alice"]);
        assert.deepEqual(calls[4], ["stack", "init", "dev-alice"]);
        const secretSet = calls.find((c) => c[0] === "config" && c[1] === "set");
        assert.ok(secretSet, "sets the web-server token");
        assert.deepEqual(secretSet.slice(0, 5), ["config", "set", "--secret", "--stack", "dev-alice"]);
        assert.equal(secretSet[5], "webstack:webServerToken");
        assert.ok(secretSet[6].length >= 32, "a generated secret value");
        assert.deepEqual(calls.at(-1), ["up", "--yes", "--stack", "dev-alice"]);
        assert.deepEqual(pulumi.upImageTags(), [tag]);
        assert.ok(docker.calls().some((c) => line(c) === `manifest inspect ${registry}/web-server:${tag}`));
        assert.ok(!docker.calls().some((c) => c[0] === "build"), "nothing to build");
        assert.match(result.stdout, new RegExp(`image ${registry}/web-server:${tag}: in the registry`));
    });

    it("builds and pushes a missing image from this checkout when Docker runs, then deploys that tag", () => {
        const pulumi = fakePulumi();
        const docker = fakeDocker({ engine: true });
        const result = stackInProcess(["create", "dev-alice"], [pulumi, docker]);
        assert.equal(result.code, 0, result.stderr);
        const [tag] = pulumi.upImageTags();
        assert.match(tag, checkoutTag);
        const ref = `${registry}/web-server:${tag}`;
        const calls = docker.calls().map(line);
        assert.ok(calls.includes(`build --build-arg GIT_SHA=${tag} --tag ${ref} app/web-server`), calls.join("\n"));
        assert.ok(calls.indexOf(`push ${ref}`) > calls.findIndex((c) => c.startsWith("build ")), "pushed after the build");
    });

    it("refuses without Docker: names the missing image and the command that builds it, and creates nothing (the CLI process: exit code, stderr)", async () => {
        const pulumi = noDockerPulumi;
        const result = await noDockerProcess;
        assert.equal(result.code, 1);
        assert.match(result.stderr, /no stack is created whose pods could only fail to pull their image/);
        const ref = new RegExp(`apps\\.web-server: ${registry}/web-server:(${head}(-dirty-[0-9a-f]{12})?) cannot be looked up here .*Docker is not available to build it`);
        assert.match(result.stderr, ref);
        const tag = ref.exec(result.stderr)![1];
        assert.ok(result.stderr.includes(`docker build --build-arg GIT_SHA=${tag} --tag ${registry}/web-server:${tag} app/web-server && docker push ${registry}/web-server:${tag}`), result.stderr);
        assert.ok(!pulumi.calls().some((c) => (c[0] === "stack" && c[1] === "init") || c[0] === "up"), "no stack, no deploy");
    });

    it("refuses when the image is missing and the Docker engine is down", () => {
        const pulumi = fakePulumi();
        const docker = fakeDocker({ engine: false });
        const result = stackInProcess(["create", "dev-alice"], [pulumi, docker]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /Docker is not available to build it/);
        assert.ok(!docker.calls().some((c) => c[0] === "build" || c[0] === "push"));
        assert.ok(!pulumi.calls().some((c) => c[0] === "up"));
    });

    it("--no-build (CI, after its build jobs): a missing image is an error, never built here", () => {
        const pulumi = fakePulumi();
        const docker = fakeDocker({ engine: true });
        const result = stackInProcess(["create", "pr-42", "--no-build"], [pulumi, docker], { IMAGE_TAG: head });
        assert.equal(result.code, 1);
        assert.match(result.stderr, new RegExp(`apps\\.web-server: ${registry}/web-server:${head} is not in the registry; build and push it first \\(the workflow's build job does\\)`));
        assert.ok(!docker.calls().some((c) => c[0] === "build"));
        assert.ok(!pulumi.calls().some((c) => c[0] === "up"));
    });

    it("deploys by digest: the digest the review registry holds right after the check (its tags move), or CI's IMAGE_DIGESTS", () => {
        const docker = fakeDocker({ engine: true, inRegistry: [`${registry}/web-server:${head}`] });
        const local = fakePulumi();
        assert.equal(stackInProcess(["create", "dev-alice"], [local, docker], { IMAGE_TAG: head }).code, 0);
        assert.deepEqual(local.upImageDigests().map((d) => JSON.parse(d)), [{ "web-server": fakeRegistryDigest }]);
        assert.ok(docker.calls().some((c) => line(c) === `buildx imagetools inspect ${registry}/web-server:${head} --format {{json .Manifest}}`));
        const ci = fakePulumi();
        const fromBuild = JSON.stringify({ "web-server": `sha256:${"e".repeat(64)}` });
        assert.equal(stackInProcess(["create", "pr-42", "--no-build"], [ci, docker], { IMAGE_TAG: head, IMAGE_DIGESTS: fromBuild }).code, 0);
        assert.deepEqual(ci.upImageDigests(), [fromBuild], "the build's digest, not whatever the tag names now");
    });

    it("deploys by tag, saying so, when the digest cannot be read here", () => {
        const pulumi = fakePulumi();
        const docker = fakeDocker({ engine: true, inRegistry: [`${registry}/web-server:${head}`] });
        // A docker without buildx: imagetools fails.
        writeFileSync(join(docker.dir, "docker"), readFileSync(join(docker.dir, "docker"), "utf8").replace(/\n  buildx\)[^\n]*/, "\n  buildx) exit 1 ;;"));
        const result = stackInProcess(["create", "dev-alice"], [pulumi, docker], { IMAGE_TAG: head });
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(pulumi.upImageDigests(), [""]);
        assert.match(result.stdout, /its digest cannot be read here \(docker buildx imagetools\); deploying by tag/);
    });

    it("updates an existing tenant stack without re-initialising it", () => {
        const pulumi = fakePulumi({ existingStack: true });
        const docker = fakeDocker({ engine: true, inRegistry: [`${registry}/web-server:${head}`] });
        const result = stackInProcess(["create", "pr-42", "--shared", "acme/webstack/dev", "--no-build"], [pulumi, docker], { IMAGE_TAG: head });
        assert.equal(result.code, 0, result.stderr);
        const calls = pulumi.calls();
        assert.ok(!calls.some((c) => c[0] === "stack" && c[1] === "init"));
        assert.ok(calls.some((c) => line(c) === "config set --stack pr-42 webstack:sharedCluster acme/webstack/dev"));
        assert.ok(calls.some((c) => line(c) === "stack output --json --show-secrets --stack acme/webstack/dev"));
    });

    it("fails clearly when the Pulumi CLI is missing", () => {
        const result = stackInProcess(["create", "dev-alice"], [{ dir: mkdtempSync(join(tmpdir(), "no-pulumi-")) }]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /Pulumi CLI \(`pulumi`\) is not on PATH/);
    });

    it("fails clearly when the shared stack has no outputs", () => {
        const pulumi = fakePulumi({ sharedOutputs: { kubeconfig: "k" } });
        const result = stackInProcess(["create", "dev-alice"], [pulumi]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /shared stack dev has no output clusterName, endpoint, reviewRegistry, ingressAddress/);
        assert.ok(!pulumi.calls().some((c) => c[0] === "up"), "nothing is deployed");
    });
});

describe("npm run stack -- destroy", () => {
    it("destroys and removes a tenant stack", () => {
        const pulumi = fakePulumi({ existingStack: true });
        const result = stackInProcess(["destroy", "pr-42"], [pulumi]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(pulumi.calls().map(line).slice(-2), ["destroy --yes --stack pr-42", "stack rm --yes --stack pr-42"]);
    });

    it("destroys a stack whose name is not a DNS label, made before names had to be (create refuses such a name)", () => {
        const pulumi = fakePulumi({ existingStack: true });
        const result = stackInProcess(["destroy", "dev-Bob"], [pulumi]);
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(pulumi.calls().map(line).slice(-2), ["destroy --yes --stack dev-Bob", "stack rm --yes --stack dev-Bob"]);
    });

    it("a command line it cannot parse: the reason and the usage, exit 2, no stack trace", () => {
        const result = stackInProcess(["destroy", "pr-42", "--force"], [fakePulumi()]);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /^Unknown option '--force'.*\nusage: npm run stack -- create/s);
        assert.doesNotMatch(result.stderr, /\n\s+at /);
    });

    it("refuses stack names that are not tenant stacks", () => {
        const pulumi = fakePulumi();
        const result = stackInProcess(["destroy", "prod"], [pulumi]);
        assert.equal(result.code, 1);
        assert.match(result.stderr, /"prod" is not a tenant stack name/);
        assert.deepEqual(pulumi.calls(), []);
    });

    it("refuses a tenant stack name that cannot name its namespace, in one line, before anything runs", () => {
        const pulumi = fakePulumi();
        const result = stackInProcess(["create", "dev-Bob"], [pulumi]);
        assert.equal(result.code, 1);
        assert.equal(result.stderr.trim(), "stack create: dev-Bob names the stack's namespace, so it must be a DNS label such as dev-bob: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit");
        assert.deepEqual(pulumi.calls(), []);
    });
});

describe("npm run stack -- cloud: the one reader of a stack's cloud (the workflows' cloud login asks it)", () => {
    it("prints the webstack:cloud of a stack that owns its cluster", () => {
        const dev = stackInProcess(["cloud", "dev"], []);
        assert.deepEqual([dev.code, dev.stdout.trim()], [0, "gcp"], dev.stderr);
    });

    it("refuses a tenant stack, which has no cloud of its own", () => {
        const tenant = stackInProcess(["cloud", "pr-7"], []);
        assert.equal(tenant.code, 1);
        assert.match(tenant.stderr, /^stack cloud: pr-7 is a tenant stack, which runs on its shared stack's cluster/);
    });
});
