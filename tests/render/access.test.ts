import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RenderResult } from "../../tools/render/render";
import { ofType, onEks, one, renderStack, variant } from "../support/render";

/**
 * webstack:access on the rendered clusters: who is bound to what, and what the tenant confinement policy admits,
 * decided by evaluating its CEL (as the API server's ValidatingAdmissionPolicy would) on admission requests.
 */

/** Recorded manifests are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const T = {
    clusterRole: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
    clusterRoleBinding: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
    roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
    policy: "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy",
    policyBinding: "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
    iamMember: "gcp:projects/iAMMember:IAMMember",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
};

const sa = (name: string, project = "acme-webstack-dev") => `${name}@${project}.iam.gserviceaccount.com`;
const user = (name: string) => ({ kind: "User", name, apiGroup: "rbac.authorization.k8s.io" });
const inputs = (r: RenderResult, type: string, name: string): Obj => one(r, type, name).inputs;

type Evaluate = (expression: string, context: Record<string, unknown>) => unknown;
const cel = async (): Promise<Evaluate> => ((await import("@marcbachmann/cel-js")) as { evaluate: Evaluate }).evaluate;

interface Request {
    username: string;
    groups?: string[];
    operation: "CREATE" | "UPDATE" | "DELETE";
    resource: string;
    namespace?: string;
    name?: string;
    object?: Obj;
}

/** Whether a ValidatingAdmissionPolicy admits a request: not matched, or every validation true. */
async function admits(policy: Obj, req: Request): Promise<boolean> {
    const evaluate = await cel();
    const request = {
        userInfo: { username: req.username, groups: req.groups ?? [] },
        operation: req.operation,
        resource: { resource: req.resource },
        namespace: req.namespace ?? "",
        name: req.name ?? req.object?.metadata?.name ?? "",
    };
    const context: Record<string, unknown> = { request, object: req.object ?? null };
    if (!policy.spec.matchConditions.every((c: Obj) => evaluate(c.expression, context) === true)) return true;
    context.variables = Object.fromEntries(policy.spec.variables.map((v: Obj) => [v.name, evaluate(v.expression, context)]));
    return policy.spec.validations.every((v: Obj) => evaluate(v.expression, context) === true);
}

const restricted = { "pod-security.kubernetes.io/enforce": "restricted" };
const namespaceObject = (name: string, labels: Record<string, string> = restricted) => ({ metadata: { name, labels } });
const tenantBinding = (subjects: Obj[], role = "webstack-tenant") => ({ metadata: { name: "webstack-tenant" }, roleRef: { kind: "ClusterRole", name: role }, subjects });

describe("cluster access (webstack:access)", () => {
    it("dev on GKE: previewers view (cluster.admins are GKE IAM's, no RBAC binding); each identity may fetch the cluster's credentials and no more", async () => {
        const r = await renderStack("dev");
        assert.ok(!ofType(r, T.clusterRoleBinding).some((b) => b.name === "webstack-admins"), "cluster.admins get roles/container.admin instead");
        assert.deepEqual(inputs(r, T.clusterRoleBinding, "webstack-previewers").roleRef.name, "view");
        assert.deepEqual(inputs(r, T.clusterRoleBinding, "webstack-previewers").subjects, [user(sa("previewer"))]);
        const iam = ofType(r, T.iamMember).filter((m) => m.name.includes("-access-")).map((m) => m.inputs as Obj);
        assert.ok(iam.every((m) => m.role === "roles/container.clusterViewer"));
        assert.deepEqual(iam.map((m) => m.member).sort(), ["previewer", "review-stacks", "stack-sweeper"].map((n) => `serviceAccount:${sa(n)}`));
        assert.deepEqual(outputsTenantSubjects(r), [user(sa("review-stacks")), user(sa("stack-sweeper"))]);
    });

    it("a GKE group in webstack:access is an RBAC Group (Google Groups for RBAC), on the cluster's security group", async () => {
        const file = variant("dev", { "webstack:access": { previewers: ["group:webstack-readers@example.com"] } });
        const r = await renderStack("dev", { configFile: file });
        assert.deepEqual(inputs(r, T.clusterRoleBinding, "webstack-previewers").subjects, [{ kind: "Group", name: "webstack-readers@example.com", apiGroup: "rbac.authorization.k8s.io" }]);
        const cluster = ofType(r, "gcp:container/cluster:Cluster")[0].inputs as Obj;
        assert.equal(cluster.authenticatorGroupsConfig?.securityGroup, "gke-security-groups@example.com");
    });

    it("a developer's namespace, which dev provisions, binds the tenant role to the sweep only; its tenant stack binds nothing", async () => {
        const dev = await renderStack("dev");
        const binding = inputs(dev, T.roleBinding, "dev-alice-tenant");
        assert.equal(binding.metadata.namespace, "dev-alice");
        assert.deepEqual(binding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "webstack-tenant" });
        assert.deepEqual(binding.subjects, [user(sa("stack-sweeper"))]);
        const alice = await renderStack("dev-alice");
        assert.deepEqual(ofType(alice, T.roleBinding), [], "the namespace and its bindings are the dev stack's");
    });

    it("prod grants no tenant role: no review stack or sweep identity can touch it", async () => {
        const r = await renderStack("prod");
        assert.deepEqual(ofType(r, T.policy), []);
        assert.ok(!ofType(r, T.clusterRole).some((c) => c.name.startsWith("webstack-tenant")));
        assert.deepEqual(inputs(r, T.clusterRoleBinding, "webstack-previewers").subjects, [user(sa("previewer", "acme-webstack-prod"))]);
        assert.equal(r.outputs.tenantSubjects, undefined);
    });

    it("review stacks: may create pr-<n> namespaces (restricted only) and what goes in them; nothing elsewhere, no other role, no other subject", async () => {
        const r = await renderStack("dev");
        const policy = inputs(r, T.policy, "webstack-review-stacks");
        const review = sa("review-stacks");
        const as = (req: Omit<Request, "username">) => admits(policy, { username: review, ...req });
        assert.equal(await as({ operation: "CREATE", resource: "namespaces", object: namespaceObject("pr-42") }), true);
        assert.equal(await as({ operation: "CREATE", resource: "namespaces", object: namespaceObject("pr-42", { "pod-security.kubernetes.io/enforce": "privileged" }) }), false, "privileged pods on shared nodes");
        assert.equal(await as({ operation: "CREATE", resource: "namespaces", object: namespaceObject("pr-42", {}) }), false);
        assert.equal(await as({ operation: "CREATE", resource: "namespaces", object: namespaceObject("web") }), false);
        assert.equal(await as({ operation: "DELETE", resource: "namespaces", name: "dev-alice" }), false, "a developer's stack is not a review stack's");
        assert.equal(await as({ operation: "CREATE", resource: "deployments", namespace: "pr-42", object: { metadata: { name: "web-server" } } }), true);
        assert.equal(await as({ operation: "UPDATE", resource: "secrets", namespace: "web", object: { metadata: { name: "web-server-env" } } }), false);
        assert.equal(await as({ operation: "CREATE", resource: "clusterroles", object: { metadata: { name: "mine" } } }), false);
        const tenants = [user(review), user(sa("stack-sweeper"))];
        assert.equal(await as({ operation: "CREATE", resource: "rolebindings", namespace: "pr-42", object: tenantBinding(tenants) }), true);
        assert.equal(await as({ operation: "CREATE", resource: "rolebindings", namespace: "pr-42", object: tenantBinding(tenants, "admin") }), false);
        assert.equal(await as({ operation: "CREATE", resource: "rolebindings", namespace: "pr-42", object: tenantBinding([...tenants, user("system:anonymous")]) }), false);
        assert.equal(await admits(policy, { username: sa("deployer"), operation: "UPDATE", resource: "secrets", namespace: "web", object: {} }), true, "the policy only concerns the review-stack identity");
    });

    it("the sweep: may remove pr-<n> and dev-<name> namespaces, nothing else", async () => {
        const r = await renderStack("dev");
        const policy = inputs(r, T.policy, "webstack-sweepers");
        const as = (req: Omit<Request, "username">) => admits(policy, { username: sa("stack-sweeper"), ...req });
        assert.equal(await as({ operation: "DELETE", resource: "namespaces", name: "pr-42" }), true);
        assert.equal(await as({ operation: "DELETE", resource: "namespaces", name: "dev-alice" }), true);
        assert.equal(await as({ operation: "DELETE", resource: "namespaces", name: "web" }), false);
        assert.equal(await as({ operation: "DELETE", resource: "deployments", namespace: "kube-system", name: "coredns" }), false);
        assert.equal(inputs(r, T.policyBinding, "webstack-sweepers").spec.validationActions[0], "Deny");
    });

    it("tenant RBAC: bootstrap (namespaces, rolebindings, bind the tenant role) cluster-wide, everything else only through the namespace's RoleBinding", async () => {
        const r = await renderStack("dev");
        const bootstrap = inputs(r, T.clusterRole, "webstack-tenant-bootstrap").rules as Obj[];
        assert.deepEqual(bootstrap.map((rule) => rule.resources).flat().sort(), ["clusterroles", "namespaces", "rolebindings"]);
        assert.deepEqual(bootstrap.find((rule) => rule.resources.includes("clusterroles")), { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind"], resourceNames: ["webstack-tenant"] });
        const tenantRole = inputs(r, T.clusterRole, "webstack-tenant").rules as Obj[];
        assert.ok(tenantRole.some((rule) => rule.resources.includes("secrets")), "secrets, but only where bound");
        assert.deepEqual(inputs(r, T.clusterRoleBinding, "webstack-tenant-bootstrap").subjects, [user(sa("review-stacks")), user(sa("stack-sweeper"))]);
    });

    it("a tenant stack binds the tenant role in its namespace first: every other object there waits for the binding", async () => {
        const r = await renderStack("pr-42");
        const binding = one(r, T.roleBinding, "pr-42-tenant");
        assert.deepEqual((binding.inputs as Obj).subjects, [user(sa("review-stacks")), user(sa("stack-sweeper"))]);
        const ref = `${T.roleBinding}::pr-42-tenant`;
        const namespaced = r.resources.filter((x) => x.custom && (x.inputs as Obj).metadata?.namespace === "pr-42" && x !== binding);
        assert.ok(namespaced.length > 5);
        for (const x of namespaced) assert.ok(x.dependsOn.includes(ref), `${x.type}::${x.name} does not wait for the RoleBinding`);
    });

    it("on EKS: one access entry per identity, in its role's group, which the bindings name", async () => {
        // Its own variant: onEks("dev") is one file shared by every test that asks for it.
        const file = onEks("dev", {}, {
            "webstack:access": { previewers: ["arn:aws:iam::123456789012:role/webstack-previewer"], reviewStacks: ["arn:aws:iam::123456789012:role/webstack-review-stacks"] },
        });
        const r = await renderStack("dev", { configFile: file });
        const entries = ofType(r, T.accessEntry).map((e) => e.inputs as Obj);
        assert.deepEqual(entries.map((e) => [e.principalArn.split("/").pop(), e.kubernetesGroups, e.type]), [
            ["webstack-previewer", ["webstack:previewers"], "STANDARD"],
            ["webstack-review-stacks", ["webstack:reviewStacks"], "STANDARD"],
        ]);
        assert.deepEqual(inputs(r, T.clusterRoleBinding, "webstack-previewers").subjects, [{ kind: "Group", name: "webstack:previewers", apiGroup: "rbac.authorization.k8s.io" }]);
        // The cluster's name is known before the cluster exists: the entries wait for its provider, which waits for it.
        for (const e of ofType(r, T.accessEntry).filter((x) => x.name.includes("-access-"))) {
            assert.ok(e.dependsOn.includes("pulumi:providers:kubernetes::webstack-dev"), `${e.name} waits for the cluster`);
        }
        const policy = inputs(r, T.policy, "webstack-review-stacks");
        assert.equal(await admits(policy, { username: "arn:aws:sts::123456789012:assumed-role/webstack-review-stacks/run-1", groups: ["webstack:reviewStacks"], operation: "CREATE", resource: "secrets", namespace: "web", object: {} }), false);
    });
});

function outputsTenantSubjects(r: RenderResult): unknown {
    return r.outputs.tenantSubjects;
}
