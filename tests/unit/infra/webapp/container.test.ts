import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { appProbes } from "../../../../infra/webapp/container";
import { restrictedPodSecurityContext, volumeGroup } from "../../../../infra/webapp/securityContext";
import { appSchema } from "../../../../infra/config/apps";
import { maxFilesBytes } from "../../../../infra/config/appChecks";
import { ConfigError } from "../../../../infra/config/errors";
import { parseStackConfig } from "../../../../infra/config/parse";
import { one, renderStack, variant } from "../../../support/render";
import { kubernetesTypes as T } from "../../../support/types";

/** Recorded manifests are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const app = (fields: Record<string, unknown>) => appSchema.parse({ image: "ghcr.io/acme/x", tag: "1.0.0", ...fields });

describe("any well-behaved container: probes, ports, command, user", () => {
    it("probes follow probes.type: HTTP GET, TCP connect or a command; liveness is its own path or a TCP connect", () => {
        const http = appProbes(app({ probes: { path: "/ready", livenessPath: "/alive" } }));
        assert.deepEqual(http.readinessProbe.httpGet, { path: "/ready", port: "http" });
        assert.deepEqual(http.livenessProbe.httpGet, { path: "/alive", port: "http" });
        const tcp = appProbes(app({ portName: "amqp", port: 5672, probes: { type: "tcp" } }));
        assert.deepEqual([tcp.readinessProbe.tcpSocket, tcp.readinessProbe.httpGet], [{ port: "amqp" }, undefined]);
        assert.deepEqual(tcp.livenessProbe.tcpSocket, { port: "amqp" });
        const exec = appProbes(app({ portName: "redis", port: 6379, probes: { type: "exec", command: ["redis-cli", "ping"] } }));
        assert.deepEqual(exec.readinessProbe.exec, { command: ["redis-cli", "ping"] });
        assert.deepEqual(exec.livenessProbe.tcpSocket, { port: "redis" });
    });

    it("the Service port defaults to 80 for an HTTP port and to the container port otherwise", () => {
        assert.equal(app({}).servicePort, 80);
        assert.equal(app({ portName: "http-admin", port: 9000 }).servicePort, 80);
        assert.equal(app({ portName: "redis", port: 6379, probes: { type: "tcp" } }).servicePort, 6379);
        assert.equal(app({ portName: "redis", port: 6379, servicePort: 16379, probes: { type: "tcp" } }).servicePort, 16379);
    });

    it("the pod runs as the configured numeric ids; without them, as the image's user, fsGroup only for volumes", () => {
        assert.deepEqual(restrictedPodSecurityContext({ volumes: false }), { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
        assert.equal(restrictedPodSecurityContext({ volumes: true }).fsGroup, volumeGroup);
        const ids = restrictedPodSecurityContext({ volumes: true, runAs: { runAsUser: 999, runAsGroup: 1000, fsGroup: 1000 } });
        assert.deepEqual([ids.runAsNonRoot, ids.runAsUser, ids.runAsGroup, ids.fsGroup], [true, 999, 1000, 1000]);
    });

    it("renders command, args and an exec probe into the container, and the port name into the Service", async () => {
        const file = variant("dev", {
            "webstack:apps": {
                worker: {
                    image: "ghcr.io/acme/worker",
                    tag: "2.1.0",
                    port: 9000,
                    portName: "metrics",
                    command: ["/bin/worker"],
                    args: ["--queue", "jobs"],
                    probes: { type: "exec", command: ["/bin/worker", "check"] },
                    securityContext: { runAsUser: 20000, runAsGroup: 20000 },
                },
            },
            "webstack:webServerToken": undefined,
        });
        const r = await renderStack("dev", { configFile: file });
        const pod = (one(r, T.deployment, "worker").inputs as Obj).spec.template.spec;
        const [container] = pod.containers;
        assert.deepEqual([container.command, container.args], [["/bin/worker"], ["--queue", "jobs"]]);
        assert.deepEqual(container.ports, [{ name: "metrics", containerPort: 9000, protocol: "TCP" }]);
        assert.deepEqual(container.readinessProbe.exec, { command: ["/bin/worker", "check"] });
        assert.deepEqual([pod.securityContext.runAsUser, pod.securityContext.runAsGroup, pod.securityContext.fsGroup], [20000, 20000, undefined]);
        assert.deepEqual((one(r, T.service, "worker").inputs as Obj).spec.ports, [{ name: "metrics", port: 9000, targetPort: 9000, protocol: "TCP" }]);
    });

    it("refuses files that cannot fit in one ConfigMap, naming the key", () => {
        const big = "x".repeat(maxFilesBytes);
        assert.throws(
            () => parseStackConfig({ "webstack:cloud": "existing", "webstack:apps": JSON.stringify({ site: { image: "nginxinc/nginx-unprivileged", tag: "1.27.4", files: { mountPath: "/srv", data: { "a.html": big } } } }) }, { stack: "local", isSecret: () => false }),
            (e: unknown) => e instanceof ConfigError && /webstack:apps\.site\.files\.data: holds \d+ bytes; a ConfigMap holds at most/.test(e.message),
        );
    });
});
