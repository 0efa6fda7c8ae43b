import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cleaned, copies, type KubeObject } from "../../../../tools/bench/floor";

const namespace: KubeObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: "apps10", uid: "u1", resourceVersion: "7", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } };
const defaultDeny: KubeObject = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "apps10-default-deny", namespace: "apps10" }, spec: { podSelector: {} } };
const service: KubeObject = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "app-0", namespace: "apps10", labels: { "app.kubernetes.io/name": "app-0", "app.kubernetes.io/instance": "apps10" }, managedFields: [{}] },
    spec: { clusterIP: "10.96.0.12", clusterIPs: ["10.96.0.12"], selector: { "app.kubernetes.io/name": "app-0" }, ports: [{ port: 80 }] },
    status: { loadBalancer: {} },
};
const deployment: KubeObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "app-0", namespace: "apps10", generation: 1, annotations: { "deployment.kubernetes.io/revision": "1", keep: "me" } },
    spec: { template: { spec: { volumes: [{ name: "files", configMap: { name: "app-0-files" } }] } } },
};

describe("the engine bench's harness floor", () => {
    it("drops what the server set, and a Service's allocated IPs", () => {
        const s = cleaned(service);
        assert.deepEqual(s.metadata, { name: "app-0", namespace: "apps10", labels: service.metadata.labels, annotations: {} });
        assert.equal("status" in s, false);
        assert.deepEqual(Object.keys(s.spec as object).sort(), ["ports", "selector"]);
        assert.deepEqual(cleaned(deployment).metadata.annotations, { keep: "me" });
    });

    it("copies one app's objects under new names into a new namespace, after the namespace and its own objects", () => {
        const objects = copies({ namespace, shared: [defaultDeny], app: [service, deployment] }, { from: "apps10", app: "app-0", to: "floor3" }, 3);
        assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`), [
            "Namespace//floor3",
            "NetworkPolicy/floor3/floor3-default-deny",
            "Service/floor3/app-0", "Deployment/floor3/app-0",
            "Service/floor3/app-1", "Deployment/floor3/app-1",
            "Service/floor3/app-2", "Deployment/floor3/app-2",
        ]);
        const app2 = objects[6];
        assert.deepEqual((app2.spec as { selector: object }).selector, { "app.kubernetes.io/name": "app-2" });
        assert.equal(app2.metadata.labels && (app2.metadata.labels as Record<string, string>)["app.kubernetes.io/instance"], "floor3");
        assert.match(JSON.stringify(objects[7]), /"name":"app-2-files"/);
    });
});
