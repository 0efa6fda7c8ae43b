import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RenderResult } from "../../tools/render/render";
import { ofType, onEks, one, renderStack, variant } from "../support/render";
import { kubernetesTypes } from "../support/types";

/**
 * webstack:access on the rendered clusters: who is bound to what, and what the tenant confinement policy admits,
 * decided by evaluating its CEL (as the API server's ValidatingAdmissionPolicy would) on admission requests.
 */

/** Recorded manifests are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const T = {
    namespace: kubernetesTypes.namespace,
    resourceQuota: kubernetesTypes.resourceQuota,
    limitRange: kubernetesTypes.limitRange,
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
    operation: "CREATE" | "UPDATE" | "DELETE" | "CONNECT";
    resource: string;
    subResource?: string;
    namespace?: string;
    name?: string;
    object?: Obj;
    /** The namespace the request is in, for namespace-selected policies (its labels). */
    namespaceObject?: Obj;
}

/**
 * Whether a ValidatingAdmissionPolicy admits a request: not matched, or every validation true. Validations that use
 * Kubernetes' CIDR library (cidr(), ip()), which this CEL evaluator lacks, are left to the real API server
 * (tests/engine/trust-boundaries.test.ts).
 */
async function admits(policy: Obj, req: Request): Promise<boolean> {
    const evaluate = await cel();
    const request = {
        userInfo: { username: req.username, groups: req.groups ?? [] },
        operation: req.operation,
        resource: { resource: req.resource },
        // As the API server passes it: no subResource key at all for a request on the resource itself.
        ...(req.subResource ? { subResource: req.subResource } : {}),
        namespace: req.namespace ?? "",
        name: req.name ?? req.object?.metadata?.name ?? "",
    };
    const context: Record<string, unknown> = { request, object: req.object ?? null, namespaceObject: req.namespaceObject ?? null };
    if (!(policy.spec.matchConditions ?? []).every((c: Obj) => evaluate(c.expression, context) === true)) return true;
    context.variables = Object.fromEntries((policy.spec.variables ?? []).map((v: Obj) => [v.name, evaluate(v.expression, context)]));
    return policy.spec.validations.filter((v: Obj) => !/\bcidr\(/.test(v.expression)).every((v: Obj) => evaluate(v.expression, context) === true);
}

const restricted = { "pod-security.kubernetes.io/enforce": "restricted" };
const tenantNamespaceObject = (name: string, labels: Record<string, string> = { ...restricted, "webstack.dev/tenant-stack": name }) => ({ metadata: { name, labels } });
const tenantBinding = (subjects: Obj[], role = "webstack-tenant") => ({ metadata: { name: "webstack-tenant" }, roleRef: { kind: "ClusterRole", name: role }, subjects });

describe("cluster access (webstack:access)", () => {
    it("dev on GKE: previewers read what a preview reads, no Secrets and no pod logs; each identity may fetch the cluster's credentials and no more", async () => {
        const r = await renderStack("dev");
        assert.ok(!ofType(r, T.clusterRoleBinding).some((b) => b.name === "webstack-admins"), "cluster.admins get roles/container.admin instead");
        assert.deepEqual(inputs(r, T.clusterRoleBinding, "webstack-previewers").roleRef.name, "webstack-previewer");
        assert.deepEqual(inputs(r, T.clusterRoleBinding, "webstack-previewers").subjects, [user(sa("previewer"))]);
        const readable = (inputs(r, T.clusterRole, "webstack-previewer").rules as Obj[]).flatMap((rule) => rule.resources as string[]);
        assert.ok(readable.includes("deployments") && readable.includes("ingresses"));
        for (const hidden of ["secrets", "pods/log", "pods/exec", "*"]) assert.ok(!readable.includes(hidden), `previewers read ${hidden}`);
        assert.ok((inputs(r, T.clusterRole, "webstack-previewer").rules as Obj[]).every((rule) => rule.verbs.every((v: string) => ["get", "list", "watch"].includes(v))));
        const iam = ofType(r, T.iamMember).filter((m) => m.name.includes("-access-")).map((m) => m.inputs as Obj);
        assert.ok(iam.every((m) => m.role === "roles/container.clusterViewer"));
        assert.deepEqual(iam.map((m) => m.member).sort(), ["previewer", "review-stacks", "stack-sweeper"].map((n) => `serviceAccount:${sa(n)}`));
        assert.equal(r.outputs.tenantSubjects, undefined, "tenants bind nothing: trusted code makes their namespaces");
    });

    it("a GKE group in webstack:access is an RBAC Group (Google Groups for RBAC), on the cluster's security group", async () => {
        const file = variant("dev", { "webstack:access": { previewers: ["group:webstack-readers@example.com"] } });
        const r = await renderStack("dev", { configFile: file });
        assert.deepEqual(inputs(r, T.clusterRoleBinding, "webstack-previewers").subjects, [{ kind: "Group", name: "webstack-readers@example.com", apiGroup: "rbac.authorization.k8s.io" }]);
        const cluster = ofType(r, "gcp:container/cluster:Cluster")[0].inputs as Obj;
        assert.equal(cluster.authenticatorGroupsConfig?.securityGroup, "gke-security-groups@example.com");
    });

    it("a developer's namespace, which dev provisions: edit for that developer alone, the tenant role for the sweep; its tenant stack binds nothing", async () => {
        const dev = await renderStack("dev");
        const binding = inputs(dev, T.roleBinding, "dev-alice-tenant");
        assert.equal(binding.metadata.namespace, "dev-alice");
        assert.deepEqual(binding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "webstack-tenant" });
        assert.deepEqual(binding.subjects, [user(sa("stack-sweeper"))]);
        assert.deepEqual(inputs(dev, T.roleBinding, "dev-alice-developers").subjects, [user("alice@example.com")]);
        assert.deepEqual(inputs(dev, T.roleBinding, "dev-bob-developers").subjects, [user("bob@example.com")]);
        const alice = await renderStack("dev-alice");
        assert.deepEqual(ofType(alice, T.roleBinding), [], "the namespace and its bindings are the dev stack's");
    });

    it("prod grants no tenant role: no review stack or sweep identity can touch it", async () => {
        const r = await renderStack("prod");
        assert.deepEqual(ofType(r, T.policy), []);
        assert.ok(!ofType(r, T.clusterRole).some((c) => c.name.startsWith("webstack-tenant")));
        assert.deepEqual(inputs(r, T.clusterRoleBinding, "webstack-previewers").subjects, [user(sa("previewer", "acme-webstack-prod"))]);
    });

    it("review stacks hold nothing cluster-wide, and are confined to pr-<n> namespaces: subresources and CONNECT included", async () => {
        const r = await renderStack("dev");
        const review = sa("review-stacks");
        const bound = ofType(r, T.clusterRoleBinding).filter((b) => JSON.stringify((b.inputs as Obj).subjects).includes(review));
        assert.deepEqual(bound.map((b) => b.name), [], "no ClusterRoleBinding names the review stacks");
        const policy = inputs(r, T.policy, "webstack-review-stacks");
        const as = (req: Omit<Request, "username">) => admits(policy, { username: review, ...req });
        assert.equal(await as({ operation: "CREATE", resource: "deployments", namespace: "pr-42", object: { metadata: { name: "web-server" } } }), true);
        assert.equal(await as({ operation: "UPDATE", resource: "secrets", namespace: "web", object: { metadata: { name: "web-server-env" } } }), false);
        assert.equal(await as({ operation: "CONNECT", resource: "pods", subResource: "exec", namespace: "web", name: "web-server-0" }), false, "pods/exec elsewhere");
        assert.equal(await as({ operation: "CREATE", resource: "serviceaccounts", subResource: "token", namespace: "kube-system", name: "default" }), false);
        assert.equal(await as({ operation: "DELETE", resource: "namespaces", name: "dev-alice" }), false, "a developer's stack is not a review stack's");
        assert.equal(await as({ operation: "CREATE", resource: "clusterroles", object: { metadata: { name: "mine" } } }), false);
        assert.equal(await as({ operation: "CREATE", resource: "rolebindings", namespace: "pr-42", object: tenantBinding([user(review)]) }), false, "it binds nothing");
        assert.ok(policy.spec.matchConstraints.resourceRules[0].resources.includes("*/*"), "subresources too");
        assert.ok(policy.spec.matchConstraints.resourceRules[0].operations.includes("CONNECT"));
        assert.equal(await admits(policy, { username: sa("deployer"), operation: "UPDATE", resource: "secrets", namespace: "web", object: {} }), true, "the policy only concerns the review-stack identity");
    });

    it("the sweep provisions pr-<n> namespaces (restricted, labelled, the tenant role for the review stacks only) and removes tenant ones, nothing else", async () => {
        const r = await renderStack("dev");
        const policy = inputs(r, T.policy, "webstack-sweepers");
        const as = (req: Omit<Request, "username">) => admits(policy, { username: sa("stack-sweeper"), ...req });
        assert.equal(await as({ operation: "CREATE", resource: "namespaces", object: tenantNamespaceObject("pr-42") }), true);
        assert.equal(await as({ operation: "CREATE", resource: "namespaces", object: tenantNamespaceObject("pr-42", { "pod-security.kubernetes.io/enforce": "privileged", "webstack.dev/tenant-stack": "pr-42" }) }), false, "privileged pods on shared nodes");
        assert.equal(await as({ operation: "CREATE", resource: "namespaces", object: tenantNamespaceObject("pr-42", restricted) }), false, "a tenant namespace carries the tenant label");
        assert.equal(await as({ operation: "CREATE", resource: "namespaces", object: tenantNamespaceObject("web") }), false);
        assert.equal(await as({ operation: "DELETE", resource: "namespaces", name: "pr-42" }), true);
        assert.equal(await as({ operation: "DELETE", resource: "namespaces", name: "dev-alice" }), true);
        assert.equal(await as({ operation: "DELETE", resource: "namespaces", name: "web" }), false);
        assert.equal(await as({ operation: "DELETE", resource: "deployments", namespace: "kube-system", name: "coredns" }), false);
        assert.equal(await as({ operation: "CONNECT", resource: "pods", subResource: "exec", namespace: "web", name: "web-server-0" }), false);
        const tenants = [user(sa("review-stacks")), user(sa("stack-sweeper"))];
        assert.equal(await as({ operation: "CREATE", resource: "rolebindings", namespace: "pr-42", object: tenantBinding(tenants) }), true);
        assert.equal(await as({ operation: "CREATE", resource: "rolebindings", namespace: "pr-42", object: tenantBinding(tenants, "admin") }), false);
        assert.equal(await as({ operation: "CREATE", resource: "rolebindings", namespace: "pr-42", object: tenantBinding([...tenants, user("system:anonymous")]) }), false);
        assert.equal(inputs(r, T.policyBinding, "webstack-sweepers").spec.validationActions[0], "Deny");
    });

    it("tenant RBAC: the provisioner role (namespaces, quotas, LimitRanges, RoleBindings, bind the tenant role) is the sweep's alone; the tenant role only reads quotas", async () => {
        const r = await renderStack("dev");
        const provisioner = inputs(r, T.clusterRole, "webstack-tenant-provisioner").rules as Obj[];
        assert.deepEqual(provisioner.map((rule) => rule.resources).flat().sort(), ["clusterroles", "limitranges", "namespaces", "resourcequotas", "rolebindings"]);
        assert.deepEqual(provisioner.find((rule) => rule.resources.includes("clusterroles")), { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind"], resourceNames: ["webstack-tenant"] });
        assert.deepEqual(inputs(r, T.clusterRoleBinding, "webstack-tenant-provisioner").subjects, [user(sa("stack-sweeper"))]);
        const tenantRole = inputs(r, T.clusterRole, "webstack-tenant").rules as Obj[];
        assert.ok(tenantRole.some((rule) => rule.resources.includes("secrets")), "secrets, but only where bound");
        const quotaRules = tenantRole.filter((rule) => rule.resources.includes("resourcequotas") || rule.resources.includes("limitranges"));
        assert.ok(quotaRules.length > 0 && quotaRules.every((rule) => rule.verbs.every((v: string) => ["get", "list", "watch"].includes(v))), "a tenant cannot change its quota");
    });

    it("a tenant stack creates no namespace, quota, LimitRange or RoleBinding: trusted code made them", async () => {
        for (const stack of ["pr-42", "dev-demo"]) {
            const r = await renderStack(stack);
            for (const type of [T.namespace, T.resourceQuota, T.limitRange, T.roleBinding]) assert.deepEqual(ofType(r, type).map((x) => x.name), [], `${stack} creates a ${type}`);
            assert.ok(ofType(r, kubernetesTypes.deployment).length > 0);
        }
    });

    it("on EKS: one access entry per identity, in its role's group, which the bindings name", async () => {
        // Its own variant: onEks("dev") is one file shared by every test that asks for it.
        const file = onEks("dev", {}, {
            "webstack:access": { previewers: ["arn:aws:iam::123456789012:role/webstack-previewer"], reviewStacks: ["arn:aws:iam::123456789012:role/webstack-review-stacks"] },
        });
        const r = await renderStack("dev", { configFile: file });
        const entries = ofType(r, T.accessEntry).map((e) => e.inputs as Obj);
        assert.deepEqual(entries.map((e) => [e.principalArn.split("/").pop(), e.kubernetesGroups, e.type]), [
            ["deployer", undefined, "STANDARD"],
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

describe("tenant namespaces: one policy for everyone who writes there", () => {
    const policyOf = async () => inputs(await renderStack("dev"), T.policy, "webstack-tenant-namespaces");
    const inTenant = (resource: string, object: Obj, labels: Record<string, string> = {}) => ({
        username: "anyone",
        operation: "CREATE" as const,
        resource,
        namespace: "pr-42",
        object,
        namespaceObject: tenantNamespaceObject("pr-42", { ...restricted, "webstack.dev/tenant-stack": "pr-42", ...labels }),
    });
    const service = (spec: Obj) => ({ metadata: { name: "s" }, spec });
    const ingress = (hosts: string[], annotations?: Record<string, string>) => ({
        metadata: { name: "i", ...(annotations ? { annotations } : {}) },
        spec: { rules: hosts.map((host) => ({ host })), tls: [{ hosts }] },
    });

    it("binds to every namespace carrying the tenant-stack label, whoever the requester", async () => {
        const binding = inputs(await renderStack("dev"), T.policyBinding, "webstack-tenant-namespaces");
        assert.deepEqual(binding.spec.matchResources.namespaceSelector, { matchExpressions: [{ key: "webstack.dev/tenant-stack", operator: "Exists" }] });
        assert.equal((await policyOf()).spec.matchConditions, undefined, "no requester is exempt");
    });

    it("Services: ClusterIP yes; NodePort and externalIPs never; LoadBalancer only where the quota admits one", async () => {
        const policy = await policyOf();
        assert.equal(await admits(policy, inTenant("services", service({ type: "ClusterIP" }))), true);
        assert.equal(await admits(policy, inTenant("services", service({ type: "NodePort" }))), false);
        assert.equal(await admits(policy, inTenant("services", service({ type: "ClusterIP", externalIPs: ["10.0.0.5"] }))), false);
        assert.equal(await admits(policy, inTenant("services", service({ type: "LoadBalancer" }))), false);
        assert.equal(await admits(policy, inTenant("services", service({ type: "LoadBalancer" }), { "webstack.dev/load-balancers": "allowed" })), true);
    });

    it("Ingresses: only its own hosts <app>-<namespace>.<domain>, no router priority, no external-dns annotations, no default backend", async () => {
        const policy = await policyOf();
        assert.equal(await admits(policy, inTenant("ingresses", ingress(["web-server-pr-42.dev.example.com"]))), true);
        assert.equal(await admits(policy, inTenant("ingresses", ingress(["web.dev.example.com"]))), false, "the shared stack's host");
        for (const other of ["web-server-pr-43", "web-server-pr-142", "pr-42-pr-43", "web-dev-alice"]) {
            assert.equal(await admits(policy, inTenant("ingresses", ingress([`${other}.dev.example.com`]))), false, `another tenant's host ${other}`);
        }
        assert.equal(await admits(policy, inTenant("ingresses", ingress(["web-server.pr-42.dev.example.com"]))), false, "two labels deep: outside the wildcard certificate");
        assert.equal(await admits(policy, inTenant("ingresses", ingress(["a.web-pr-42.dev.example.com"]))), false, "a name below a tenant host");
        assert.equal(await admits(policy, inTenant("ingresses", ingress(["web-pr-42.devXexample.com"]))), false, "the domain's dots are dots");
        assert.equal(await admits(policy, inTenant("ingresses", { metadata: { name: "i" }, spec: { rules: [{ http: {} }] } })), false, "a rule for every host");
        assert.equal(await admits(policy, inTenant("ingresses", { metadata: { name: "i" }, spec: { defaultBackend: { service: { name: "s" } } } })), false);
        assert.equal(await admits(policy, inTenant("ingresses", ingress(["a-pr-42.dev.example.com"], { "traefik.ingress.kubernetes.io/router.priority": "9999" }))), false);
        assert.equal(await admits(policy, inTenant("ingresses", ingress(["a-pr-42.dev.example.com"], { "external-dns.alpha.kubernetes.io/hostname": "web.dev.example.com" }))), false);
        assert.equal(await admits(policy, inTenant("ingresses", ingress(["a-pr-42.dev.example.com"], { "traefik.ingress.kubernetes.io/router.entrypoints": "websecure" }))), true);
    });
});
