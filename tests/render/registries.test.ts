import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RecordedResource } from "../../tools/render/recorder";
import { reviewPushers } from "../../infra/config/reviewPushers";
import { stackConfig } from "../../tools/workflow/stackConfig";
import { projectDir } from "../../infra/config/project";
import { ofType, onEks, renderStack, stackFileConfig } from "../support/render";

/** Recorded inputs are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;
const inputs = (r: RecordedResource): Obj => r.inputs;

/**
 * Who may push unreviewed builds where, and what a pushed tag means: derived from the registries and grants the
 * program declares (Artifact Registry IAM on GKE, ECR repository policies on EKS), not from its inputs.
 */
describe("registries on GKE: unreviewed builds push only to the review registry", () => {
    const dev = () => renderStack("dev");
    const pushers = () => reviewPushers(stackConfig(projectDir, "dev"));
    /** Repository id → the members with roles/artifactregistry.writer on it. */
    const writers = (resources: RecordedResource[]) => {
        const out = new Map<string, string[]>();
        for (const r of resources.filter((x) => x.type === "gcp:artifactregistry/repository:Repository")) out.set(inputs(r).repositoryId, []);
        for (const m of resources.filter((x) => x.type === "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember" && inputs(x).role === "roles/artifactregistry.writer")) {
            out.get(inputs(m).repository)!.push(inputs(m).member);
        }
        return out;
    };

    it("the review stacks' identity and each developer may push to webstack-review, and to nothing else", async () => {
        const access = stackFileConfig("dev")["webstack:access"] as Obj;
        assert.ok(pushers().includes(access.reviewStacks[0]));
        assert.ok(pushers().includes("user:alice@example.com") && pushers().includes("user:bob@example.com"));
        const byRepository = writers((await dev()).resources);
        assert.deepEqual([...byRepository.keys()].sort(), ["webstack", "webstack-review"]);
        assert.deepEqual(byRepository.get("webstack"), [], "main's registry: only the deployer (project IAM) pushes");
        assert.deepEqual(byRepository.get("webstack-review")!.sort(), pushers().sort());
    });

    it("main's registry has immutable tags (a tag once pushed always names that image); the review registry's move, and its images expire", async () => {
        const repositories = ofType(await dev(), "gcp:artifactregistry/repository:Repository");
        const main = inputs(repositories.find((r) => inputs(r).repositoryId === "webstack")!);
        const review = inputs(repositories.find((r) => inputs(r).repositoryId === "webstack-review")!);
        assert.equal(main.dockerConfig.immutableTags, true);
        assert.equal(main.cleanupPolicies, undefined);
        assert.equal(review.dockerConfig.immutableTags, false);
        assert.deepEqual(review.cleanupPolicies, [{ id: "delete-after-14-days", action: "DELETE", condition: { tagState: "ANY", olderThan: `${14 * 86400}s` } }]);
        assert.equal(review.cleanupPolicyDryRun, false);
    });

    it("the shared stack exports both; tenants read reviewRegistry", async () => {
        const { outputs } = await dev();
        assert.match(String(outputs.reviewRegistry), /-docker\.pkg\.dev\/[^/]+\/webstack-review$/);
        assert.notEqual(outputs.reviewRegistry, outputs.registry);
    });

    it("prod has no tenants: one registry, immutable, nobody granted a push", async () => {
        const prod = await renderStack("prod");
        assert.deepEqual([...writers(prod.resources).entries()], [["webstack", []]]);
        assert.equal(inputs(ofType(prod, "gcp:artifactregistry/repository:Repository")[0]).dockerConfig.immutableTags, true);
        assert.equal(prod.outputs.reviewRegistry, undefined);
    });
});

describe("registries on EKS: unreviewed builds push only to the review repositories", () => {
    const push = "ecr:PutImage";
    /** Whether `principal` may call `action` on a repository, by its repository policy (an explicit Deny wins). */
    function policyAllows(policy: Obj | undefined, principal: string, action: string): "allow" | "deny" | "no statement" {
        const matching = (policy?.Statement ?? []).filter((s: Obj) => [s.Principal.AWS].flat().includes(principal) && [s.Action].flat().includes(action));
        if (matching.some((s: Obj) => s.Effect === "Deny")) return "deny";
        return matching.some((s: Obj) => s.Effect === "Allow") ? "allow" : "no statement";
    }

    it("the review stacks' role may push to <cluster>-review/web-server, and is explicitly denied on webstack-dev/web-server", async () => {
        const file = onEks("dev");
        const result = await renderStack("dev", { configFile: file });
        const pushers = reviewPushers(stackConfig(projectDir, "dev", { configFile: file }));
        assert.ok(pushers.length > 0 && pushers.every((p) => p.startsWith("arn:aws:iam::")));
        const repositories = ofType(result, "aws:ecr/repository:Repository");
        const policies = new Map(ofType(result, "aws:ecr/repositoryPolicy:RepositoryPolicy").map((p) => [p.name, JSON.parse(String(inputs(p).policy))]));
        const verdicts = Object.fromEntries(repositories.map((r) => [inputs(r).name, pushers.map((p) => policyAllows(policies.get(r.name), p, push))]));
        assert.deepEqual(verdicts, {
            "webstack-dev/web-server": pushers.map(() => "deny"),
            "webstack-dev-review/web-server": pushers.map(() => "allow"),
        });
        const mutability = Object.fromEntries(repositories.map((r) => [inputs(r).name, inputs(r).imageTagMutability]));
        assert.deepEqual(mutability, { "webstack-dev/web-server": "IMMUTABLE", "webstack-dev-review/web-server": "MUTABLE" });
        const lifecycle = ofType(result, "aws:ecr/lifecyclePolicy:LifecyclePolicy").find((l) => inputs(l).repository === "webstack-dev-review/web-server")!;
        assert.deepEqual(JSON.parse(String(inputs(lifecycle).policy)).rules[0].selection, { tagStatus: "any", countType: "sinceImagePushed", countUnit: "days", countNumber: 14 });
        assert.match(String(result.outputs.reviewRegistry), /\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/webstack-dev-review$/);
    });

    it("prod: one immutable repository per image, no policy, no review repository", async () => {
        const result = await renderStack("prod", { configFile: onEks("prod") });
        assert.deepEqual(ofType(result, "aws:ecr/repository:Repository").map((r) => [inputs(r).name, inputs(r).imageTagMutability]), [["webstack-prod/web-server", "IMMUTABLE"]]);
        assert.deepEqual(ofType(result, "aws:ecr/repositoryPolicy:RepositoryPolicy"), []);
    });
});
