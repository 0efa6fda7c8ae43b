import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pulumiMocks } from "../../tools/mocks/pulumi";
import type { RecordedResource } from "../../tools/render/recorder";
import type { RenderResult } from "../../tools/render/render";
import { ConfigError } from "../../infra/config/errors";
import { tenantNamespace, tenantStackNameProblem } from "../../infra/kube/tenancy";
import { one, ofType, ref, renderStack, stackFileConfig, testImageTag, writeStackFile } from "../support/render";
import { kubernetesTypes } from "../support/types";

/** Recorded manifests are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const T = { ...kubernetesTypes, stackReference: "pulumi:pulumi:StackReference", shared: "webstack:cluster:Shared" };

const devDomain = stackFileConfig("dev")["webstack:domain"] as string;
const devApps = Object.keys(stackFileConfig("dev")["webstack:apps"] as Record<string, unknown>);

/** Anything a cloud provider would bill for or that stands for it: resources and providers of gcp, aws, eks. */
const isCloud = (r: RecordedResource) => /^(gcp|aws|awsx|eks):/.test(r.type) || /^pulumi:providers:(gcp|aws|awsx|eks)$/.test(r.type);
const isHelm = (r: RecordedResource) => r.type.startsWith("kubernetes:helm.sh/");
const meta = (r: RecordedResource): Obj => (r.inputs as Obj).metadata ?? {};

describe("tenant namespace names", () => {
    it("keeps stack names that are DNS labels", () => {
        for (const stack of ["dev-alice", "pr-42", "dev-a1-b2"]) assert.equal(tenantNamespace(stack), stack);
    });

    it("refuses other stack names, naming the rule and, where lower case would do, the name to use", () => {
        for (const stack of ["dev-Alice", "dev-alice.feature", "dev-alice_feature", "dev-", `dev-${"x".repeat(60)}`]) {
            assert.throws(() => tenantNamespace(stack), new RegExp(`^Error: tenant stack ${stack.replace(/[.]/g, "\\.")} names the stack's namespace, so it must be a DNS label`));
        }
        assert.match(tenantStackNameProblem("dev-Alice") ?? "", /such as dev-alice:/);
        assert.equal(tenantStackNameProblem(`dev-${"x".repeat(59)}`), undefined, "63 characters fit");
    });
});

for (const stack of ["dev-demo", "pr-42"]) {
    describe(`tenant stack ${stack} (no stack file)`, () => {
        const result = () => renderStack(stack);

        it("renders from the config `npm run stack -- create` would give it, not from a stack file", async () => {
            assert.doesNotMatch((await result()).configSource, new RegExp(`Pulumi\\.${stack}\\.yaml$`));
        });

        it("creates no cloud resource and no Helm chart: zero clusters, node groups and load balancers", async () => {
            const { resources } = await result();
            assert.deepEqual(resources.filter(isCloud).map(ref), []);
            assert.deepEqual(resources.filter(isHelm).map(ref), []);
            assert.deepEqual(resources.filter((r) => r.remote).map(ref), [], "no multi-language components (eks.Cluster, helm.v4.Chart)");
            const loadBalancers = ofType(await result(), T.service).filter((s) => (s.inputs as Obj).spec?.type === "LoadBalancer");
            assert.deepEqual(loadBalancers.map(ref), []);
        });

        it("reads the shared dev stack through a StackReference, read and never managed", async () => {
            const reference = one(await result(), T.stackReference);
            assert.equal(reference.name, "organization/webstack/dev");
            assert.equal(reference.read, true);
            assert.equal(reference.parent, `${T.shared}::webstack-${stack}`);
        });

        it("runs the image built here from the shared stack's review registry (never main's), tagged with the commit", async () => {
            const rendered = await result();
            const reference = one(rendered, T.stackReference);
            const shared = pulumiMocks.resources[T.stackReference]({ type: reference.type, name: reference.name, inputs: reference.inputs, provider: "", id: "", custom: true }, { stack, project: "webstack", config: {} });
            const { registry, reviewRegistry } = shared.outputs as Obj;
            assert.notEqual(reviewRegistry, registry);
            const image = `${reviewRegistry}/web-server:${testImageTag}`;
            const deployment = one(rendered, T.deployment, "web-server");
            assert.equal((deployment.inputs as Obj).spec.template.spec.containers[0].image, image);
            assert.equal((rendered.outputs.apps as Obj)["web-server"].image, image);
        });

        it("talks to the shared cluster with a provider built from the referenced kubeconfig, kept secret", async () => {
            const rendered = await result();
            const provider = one(rendered, T.provider);
            assert.equal(provider.parent, `${T.shared}::webstack-${stack}`);
            assert.equal((provider.inputs as Obj).kubeconfig, "[secret]");
            const kubernetes = rendered.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
            assert.ok(kubernetes.length > 0);
            for (const r of kubernetes) assert.equal(r.provider, ref(provider), `${ref(r)} uses the shared cluster's provider`);
        });

        it("deploys everything into the namespace named after the stack, which trusted code made with its quota: no Namespace, ResourceQuota or LimitRange of its own", async () => {
            const rendered = await result();
            for (const type of [T.namespace, T.resourceQuota, T.limitRange]) assert.deepEqual(ofType(rendered, type).map(ref), []);
            assert.equal(rendered.outputs.namespace, stack);
            assert.ok(rendered.manifests.length > 0);
            for (const m of rendered.manifests as Obj[]) assert.equal(m.metadata.namespace, stack, `${m.kind}/${m.metadata.name}`);
        });

        it(`serves every app at <app>-${stack}.<dev domain> with a certificate from letsencrypt-staging`, async () => {
            const ingresses = ofType(await result(), T.ingress);
            assert.deepEqual(ingresses.map((i) => i.name).sort(), [...devApps].sort());
            for (const ingress of ingresses) {
                const host = `${ingress.name}-${stack}.${devDomain}`;
                const spec = (ingress.inputs as Obj).spec;
                assert.deepEqual(spec.rules.map((r: Obj) => r.host), [host]);
                assert.deepEqual(spec.tls.map((t: Obj) => t.hosts), [[host]]);
                assert.equal(meta(ingress).annotations["cert-manager.io/cluster-issuer"], "letsencrypt-staging");
            }
        });

        it("outputs its namespace, the shared ingress address and the apps' https URLs", async () => {
            const { outputs } = await result();
            assert.equal(outputs.namespace, stack);
            assert.equal(typeof outputs.ingressAddress, "string");
            for (const app of devApps) assert.equal((outputs.apps as Obj)[app].url, `https://${app}-${stack}.${devDomain}`);
        });
    });
}

describe("tenant stack variants", () => {
    it("references the shared stack in the stack's own Pulumi organization", async () => {
        const rendered = await renderStack("dev-demo", { organization: "acme" });
        assert.equal(one(rendered, T.stackReference).name, "acme/webstack/dev");
    });

    it("a stack name that is not a DNS label is a config error naming it, before anything is registered", async () => {
        await assert.rejects(renderStack("dev-Bob"), (err: unknown) => {
            assert.ok(err instanceof ConfigError);
            assert.match(err.message, /^  - stack name dev-Bob: names the stack's namespace, so it must be a DNS label such as dev-bob:/m);
            return true;
        });
    });

    it("webstack:sharedCluster makes any stack a tenant of the stack it names, deploying into its own namespace", async () => {
        const file = writeStackFile({
            "webstack:sharedCluster": "acme/webstack/dev",
            "webstack:webServerToken": { secure: "v1:test" },
        });
        const rendered: RenderResult = await renderStack("feature-x", { configFile: file });
        assert.equal(one(rendered, T.stackReference).name, "acme/webstack/dev");
        assert.deepEqual(rendered.resources.filter(isCloud).map(ref), []);
        assert.deepEqual(ofType(rendered, T.namespace), []);
        assert.equal(meta(one(rendered, T.deployment, "web-server")).namespace, "feature-x");
        assert.deepEqual(ofType(rendered, T.ingress).map((i) => i.name).sort(), ["nginx", "web-server"]);
    });
});
