import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { adminRole, developerRole } from "../../infra/cluster/gke/access";
import { tenantNamespace } from "../../infra/kube/tenancy";
import type { RenderResult } from "../../tools/render/render";
import { ofType, one, onEks, ref, renderStack, stackFileConfig } from "../support/render";

/**
 * Who may call each cluster's API: the configured admins (the deploy identity first) and developers, on EKS through
 * access entries (authentication mode API grants nobody else but the creator), on GKE through IAM and RBAC.
 */
const deployRole = "arn:aws:iam::123456789012:role/webstack-deployer";
const developerRoleArn = "arn:aws:iam::123456789012:role/alice";
const eksAccess = { admins: [deployRole], developers: [{ principal: developerRoleArn, stacks: ["dev-alice", "pr-7"] }] };
const eksProd = { ...eksAccess, zones: ["eu-west-1a", "eu-west-1b"], deployerNetworks: ["198.51.100.0/28"] };

/** The cluster's own entries (cluster.admins, developers); webstack:access's are tests/render/access.test.ts'. */
const entries = (r: RenderResult) => ofType(r, "aws:eks/accessEntry:AccessEntry").filter((e) => !e.name.includes("-access-"));
const associations = (r: RenderResult) => ofType(r, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation");

for (const stack of ["dev", "prod"] as const) {
    describe(`EKS access entries (${stack})`, () => {
        const render = () => renderStack(stack, { configFile: onEks(stack, stack === "prod" ? eksProd : eksAccess) });

        it("gives each admin a STANDARD entry with AmazonEKSClusterAdminPolicy on the whole cluster", async () => {
            const result = await render();
            const admin = one(result, "aws:eks/accessEntry:AccessEntry", `webstack-${stack}-admin-0`);
            assert.deepEqual(admin.inputs, { clusterName: `webstack-${stack}`, principalArn: deployRole, type: "STANDARD" });
            const grant = one(result, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", `webstack-${stack}-admin-0`);
            assert.equal(grant.inputs.policyArn, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
            assert.deepEqual(grant.inputs.accessScope, { type: "cluster" });
            assert.equal(grant.inputs.principalArn, deployRole);
            assert.ok(grant.dependsOn.includes(ref(admin)), "the association waits for its entry");
        });

        it("gives each developer edit only in the namespaces of their tenant stacks", async () => {
            const result = await render();
            const grant = one(result, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", `webstack-${stack}-developer-0`);
            assert.equal(grant.inputs.principalArn, developerRoleArn);
            assert.equal(grant.inputs.policyArn, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy");
            assert.deepEqual(grant.inputs.accessScope, { type: "namespace", namespaces: ["dev-alice", "pr-7"] });
            assert.equal(entries(result).length, 2, "one entry per principal, none for the creator (EKS makes that one)");
        });

        it("creates the entries after the cluster, and the Kubernetes provider only once every grant exists", async () => {
            const result = await render();
            const cluster = one(result, "eks:index:Cluster");
            const provider = one(result, "pulumi:providers:kubernetes", `webstack-${stack}`);
            for (const e of entries(result)) assert.ok(e.dependsOn.includes(ref(cluster)), `${e.name} waits for the cluster`);
            for (const a of associations(result)) assert.ok(provider.dependsOn.includes(ref(a)), `provider waits for ${a.name}`);
            assert.equal(cluster.inputs.authenticationMode, "API");
        });

        it("provisions the developers' namespaces with their quota, and no edit RoleBinding (the access policy grants edit)", async () => {
            const result = await render();
            const namespaces = ofType(result, "kubernetes:core/v1:Namespace").map((n) => n.name);
            for (const ns of ["dev-alice", "pr-7"]) assert.ok(namespaces.includes(ns), `${ns} is provisioned`);
            assert.ok(ofType(result, "kubernetes:core/v1:ResourceQuota").some((q) => q.name === "dev-alice"));
            // Only the sweep's tenant role (webstack:access sweepers, tests/render/access.test.ts).
            const bindings = ofType(result, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").map((b) => b.inputs as { roleRef: { name: string } });
            assert.deepEqual([...new Set(bindings.map((b) => b.roleRef.name))], stack === "dev" ? ["webstack-tenant"] : []);
        });
    });
}

describe("GKE access (dev stack file: deploy identity admin, one principal per developer)", () => {
    const render = () => renderStack("dev");
    const cluster = stackFileConfig("dev")["webstack:cluster"] as { admins: string[]; developers: { principal: string; stacks: string[] }[] };

    it("grants admins roles/container.admin and developers only roles/container.clusterViewer on the project", async () => {
        const grants = ofType(await render(), "gcp:projects/iAMMember:IAMMember").filter((g) => /-(admin|developer)-\d+$/.test(g.name));
        assert.deepEqual(
            grants.map((g) => [g.inputs.role, g.inputs.member]),
            [[adminRole, cluster.admins[0]], ...cluster.developers.map((d) => [developerRole, d.principal])],
        );
        assert.equal(adminRole, "roles/container.admin");
    });

    it("binds edit to each developer in their own tenant namespace only; no group, so Google Groups for RBAC stays off", async () => {
        const result = await render();
        assert.ok(cluster.developers.length >= 2);
        for (const developer of cluster.developers) {
            const email = developer.principal.slice("user:".length);
            for (const stack of developer.stacks) {
                const ns = tenantNamespace(stack);
                const binding = one(result, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", `${ns}-developers`);
                const inputs = binding.inputs as { metadata: { namespace: string }; roleRef: unknown; subjects: unknown };
                assert.equal(inputs.metadata.namespace, ns);
                assert.deepEqual(inputs.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" });
                assert.deepEqual(inputs.subjects, [{ kind: "User", name: email, apiGroup: "rbac.authorization.k8s.io" }], `${ns}: that developer alone`);
                assert.ok(binding.dependsOn.includes(ref(one(result, "kubernetes:core/v1:Namespace", ns))));
            }
        }
        assert.equal(one(result, "gcp:container/cluster:Cluster").inputs.authenticatorGroupsConfig, undefined);
    });
});

describe("a developer's tenant stack on a provisioned namespace", () => {
    it("deploys into the namespace without creating it or its quota (edit cannot), as every tenant does", async () => {
        for (const stack of ["dev-alice", "dev-demo"]) {
            const provisioned = await renderStack(stack);
            assert.deepEqual(ofType(provisioned, "kubernetes:core/v1:Namespace"), []);
            assert.deepEqual(ofType(provisioned, "kubernetes:core/v1:ResourceQuota"), []);
            const deployment = one(provisioned, "kubernetes:apps/v1:Deployment", "web-server");
            assert.equal((deployment.inputs as { metadata: { namespace: string } }).metadata.namespace, stack);
            // Everything it creates is namespaced inside its namespace, which AmazonEKSEditPolicy / the edit RoleBinding allow.
            for (const r of provisioned.resources.filter((x) => x.type.startsWith("kubernetes:") && !x.type.startsWith("kubernetes:helm"))) {
                assert.equal((r.inputs as { metadata?: { namespace?: string } }).metadata?.namespace, stack, ref(r));
            }
        }
    });
});
