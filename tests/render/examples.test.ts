import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse, parseAllDocuments } from "yaml";
import { projectDir } from "../../infra/config/project";
import { writeRender } from "../../tools/render/write";
import { sharedPlatform } from "../../infra/platform/shared";
import type { RenderResult } from "../../tools/render/render";
import { clusterFromRender } from "../support/clusterModel";
import { checkRender } from "../support/policy";
import { canReach } from "../support/reachability";
import { one, renderStack, stackFileConfig, variant } from "../support/render";
import { schemaProblems } from "../support/schema";
import { kubernetesTypes as T } from "../support/types";

/** Recorded manifests are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

/** An example file, parsed: the docs link to it, these tests and the manifest linters read it. */
const example = (file: string) => parse(readFileSync(join(projectDir, "examples", file), "utf8")) as Obj;

/** dev with the redis example merged into its apps (as .ci/lint-stacks/dev-redis.yaml does for kube-score). */
const sample = example("redis.apps.yaml") as Record<string, unknown>;
const configFile = variant("dev", {
    "webstack:apps": { ...(stackFileConfig("dev")["webstack:apps"] as Obj), ...sample },
    "webstack:redisPassword": { secure: "v1:dGVzdA==:Y2lwaGVydGV4dA==" },
});
const render = (): Promise<RenderResult> => renderStack("dev", { configFile });
const inputs = (r: RenderResult, type: string, name: string): Obj => one(r, type, name).inputs;

describe("example: redis, a non-HTTP app beside web-server (examples/redis.apps.yaml)", () => {
    it("the sample is redis at a pinned tag, internal, with a volume, and web-server points at it", () => {
        const redis = sample.redis as Obj;
        assert.match(redis.tag, /^\d+\.\d+\.\d+/);
        assert.equal(redis.expose, undefined, "internal by default");
        assert.ok(redis.volume);
        assert.match((sample["web-server"] as Obj).env.REDIS_URL, /^redis:\/\/redis:6379$/);
    });

    it("renders with its own checks (ready: PING answered; alive: a TCP connect) on its own named port, a numeric non-root user and the volume's group", async () => {
        const r = await render();
        const pod = inputs(r, T.deployment, "redis").spec.template.spec;
        const [container] = pod.containers;
        assert.deepEqual(container.ports, [{ name: "redis", containerPort: 6379, protocol: "TCP" }]);
        assert.deepEqual(container.readinessProbe.exec, { command: ["sh", "-c", 'test "$(redis-cli ping)" = PONG'] });
        assert.deepEqual(container.livenessProbe.tcpSocket, { port: "redis" });
        assert.equal(container.readinessProbe.httpGet, undefined);
        assert.deepEqual(container.args, ["redis-server", "--appendonly", "yes", "--dir", "/data", "--requirepass", "$(REDIS_PASSWORD)"]);
        assert.equal(container.command, undefined, "the image's entrypoint stays");
        assert.deepEqual(container.env, ["REDIS_PASSWORD", "REDISCLI_AUTH"].map((name) => ({ name, valueFrom: { secretKeyRef: { name: "redis-env", key: name } } })));
        assert.deepEqual(
            { runAsNonRoot: pod.securityContext.runAsNonRoot, runAsUser: pod.securityContext.runAsUser, runAsGroup: pod.securityContext.runAsGroup, fsGroup: pod.securityContext.fsGroup },
            { runAsNonRoot: true, runAsUser: 999, runAsGroup: 1000, fsGroup: 1000 },
        );
        assert.equal(container.securityContext.readOnlyRootFilesystem, true);
        assert.deepEqual(inputs(r, T.service, "redis").spec.ports, [{ name: "redis", port: 6379, targetPort: 6379, protocol: "TCP" }]);
        assert.equal(inputs(r, T.pvc, "redis-data").spec.resources.requests.storage, "1Gi");
        assert.ok(pod.volumes.some((v: Obj) => v.persistentVolumeClaim?.claimName === "redis-data"));
    });

    it("web-server reaches redis on 6379; the ingress controller and the outside do not", async () => {
        const r = await render();
        const cluster = clusterFromRender(r, { ingressNamespace: sharedPlatform.ingressNamespace });
        const at = (id: string) => cluster.endpoints.find((e) => e.id === id)!;
        const redisPort = { port: 6379, protocol: "TCP" as const, name: "redis" };
        assert.equal(canReach(cluster, at("web/web-server"), at("web/redis"), redisPort), true);
        assert.equal(canReach(cluster, at("ingress-controller"), at("web/redis"), redisPort), false);
        assert.equal(canReach(cluster, at("internet"), at("web/redis"), redisPort), false);
        assert.equal(canReach(cluster, at("other/pod"), at("web/redis"), redisPort), false);
    });

    it("manifests.yaml keeps redis's args strings for YAML 1.1 readers (kubectl, kube-score): \"yes\" is quoted", async () => {
        const r = await render();
        const out = mkdtempSync(join(tmpdir(), "readme-sample-"));
        writeRender(r, out);
        const docs = parseAllDocuments(readFileSync(join(out, "manifests.yaml"), "utf8"), { version: "1.1" }).map((d) => d.toJSON() as Obj);
        const redis = docs.find((d) => d.kind === "Deployment" && d.metadata.name === "redis");
        assert.deepEqual(redis.spec.template.spec.containers[0].args, ["redis-server", "--appendonly", "yes", "--dir", "/data", "--requirepass", "$(REDIS_PASSWORD)"]);
    });

    it("passes every rule of the policy pack and the Kubernetes schemas", async () => {
        const r = await render();
        assert.deepEqual(checkRender(r).map((f) => `[${f.enforcementLevel}] ${f.rule}: ${f.message}`), []);
        assert.deepEqual(await schemaProblems(r.manifests as Record<string, unknown>[]), []);
    });
});

describe("example: a stack on an existing cluster (examples/existing-cluster.yaml)", () => {
    const file = join(projectDir, "examples", "existing-cluster.yaml");
    const local = () => renderStack("local", { configFile: file });

    it("renders on the adopted cluster without creating anything in a cloud, and passes the policy pack and the schemas", async () => {
        const r = await local();
        assert.ok(r.resources.some((x) => x.type === "webstack:cluster:Existing"));
        assert.deepEqual(r.resources.filter((x) => /^(gcp|aws|eks):|^pulumi:providers:(gcp|aws|eks)$/.test(x.type)).map((x) => x.type), []);
        assert.deepEqual(checkRender(r).filter((f) => f.enforcementLevel === "mandatory").map((f) => `${f.rule}: ${f.message}`), []);
        assert.deepEqual(await schemaProblems(r.manifests as Record<string, unknown>[]), []);
    });

    it("installs no cert-manager (the cluster brings it), and web-server pulls from the registry it names", async () => {
        const r = await local();
        assert.equal(r.resources.some((x) => x.type === T.chart && (x.inputs as Obj).chart === "cert-manager"), false);
        assert.equal(inputs(r, T.deployment, "web-server").spec.template.spec.containers[0].image.replace(/:[^:/]+$/, ""), "localhost:5000/web-server");
    });
});
