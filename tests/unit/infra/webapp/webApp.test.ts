import * as k8s from "@pulumi/kubernetes";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WebApp } from "../../../../infra/webapp";
import { renderProgram } from "../../../../tools/render/render";
import { selects } from "../../../support/reachability";
import { schemaProblems } from "../../../support/schema";
import { kubernetesTypes as T } from "../../../support/types";

type Manifest = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec: Record<string, any> };

/** A WebApp from the fewest props there are: image, tag and port, on a cluster that is only a provider. */
const minimal = renderProgram(async () => {
    const provider = new k8s.Provider("kind", { kubeconfig: "{}" });
    const app = new WebApp("hello", { image: "nginxinc/nginx-unprivileged", tag: "1.27.4-alpine", port: 8080, cluster: { provider } });
    return { url: app.url };
});

const manifest = async (kind: string) => {
    const found = (await minimal).manifests.filter((m) => (m as Manifest).kind === kind) as Manifest[];
    assert.equal(found.length, 1, `one ${kind}`);
    return found[0];
};

describe("WebApp from image, tag and port alone", () => {
    it("registers exactly a Deployment, a Service and a NetworkPolicy, on the given provider", async () => {
        const { resources } = await minimal;
        const objects = resources.filter((r) => r.custom && r.type !== T.provider);
        assert.deepEqual(objects.map((r) => r.type).sort(), [T.deployment, T.networkPolicy, T.service].sort());
        for (const r of objects) assert.equal(r.provider, `${T.provider}::kind`, `${r.type} uses the cluster's provider`);
        assert.deepEqual(await schemaProblems((await minimal).manifests), []);
    });

    it("the Deployment runs the image at that tag, hardened, with requests, limits and probes on the port", async () => {
        const deployment = await manifest("Deployment");
        assert.equal(deployment.metadata.namespace, "default");
        const pod = deployment.spec.template.spec;
        const [container] = pod.containers;
        assert.equal(container.image, "nginxinc/nginx-unprivileged:1.27.4-alpine");
        assert.deepEqual(container.ports, [{ name: "http", containerPort: 8080, protocol: "TCP" }]);
        assert.equal(container.securityContext.allowPrivilegeEscalation, false);
        assert.equal(container.securityContext.readOnlyRootFilesystem, true);
        assert.deepEqual(container.securityContext.capabilities, { drop: ["ALL"] });
        assert.equal(pod.securityContext.runAsNonRoot, true);
        assert.ok(container.resources.requests.cpu && container.resources.limits.memory, "requests and limits");
        assert.deepEqual(container.readinessProbe.httpGet, { path: "/", port: "http" });
        assert.deepEqual(container.volumeMounts, [{ name: "tmp", mountPath: "/tmp" }], "a writable /tmp beside the read-only root");
        assert.ok(selects(deployment.spec.selector, deployment.spec.template.metadata.labels), "its selector selects its own pods");
    });

    it("the Service sends port 80 to the pods' port 8080, and the NetworkPolicy lets the namespace's apps reach it", async () => {
        const [deployment, service, policy] = [await manifest("Deployment"), await manifest("Service"), await manifest("NetworkPolicy")];
        const podLabels = deployment.spec.template.metadata.labels;
        assert.equal(service.spec.type, "ClusterIP");
        assert.ok(selects({ matchLabels: service.spec.selector }, podLabels), "the Service selects the pods");
        assert.deepEqual(service.spec.ports, [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }]);
        assert.ok(selects(policy.spec.podSelector, podLabels), "the policy selects the pods");
        assert.deepEqual(policy.spec.ingress.map((r: { ports: unknown }) => r.ports), [[{ protocol: "TCP", port: 8080 }]]);
    });

    it("its URL is the in-cluster one", async () => {
        assert.equal((await minimal).outputs.url, "http://hello.default.svc.cluster.local");
    });

    it("refuses an Ingress without a host, in a sentence", () => {
        assert.throws(
            () => new WebApp("nohost", { image: "nginx:1.27", cluster: { provider: undefined as unknown as k8s.Provider }, expose: "ingress" }),
            /^Error: WebApp nohost: expose ingress needs a host$/,
        );
    });
});

describe("WebApp with props that contradict each other", () => {
    it("throws naming the app, before it registers anything: no component, no child", async () => {
        const { resources, outputs } = await renderProgram(async () => {
            const provider = new k8s.Provider("kind", { kubeconfig: "{}" });
            try {
                new WebApp("hello", { image: "nginxinc/nginx-unprivileged", tag: "1.27.4-alpine", port: 8080, expose: "ingress", cluster: { provider } });
                return { error: "" };
            } catch (err) {
                return { error: (err as Error).message };
            }
        });
        assert.equal(outputs.error, "WebApp hello: expose ingress needs a host");
        assert.deepEqual(resources.filter((r) => r.type !== T.provider && r.type !== "pulumi:pulumi:Stack").map((r) => r.type), []);
    });
});
