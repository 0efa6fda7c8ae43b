import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sharedPlatform } from "../../infra/platform/shared";
import type { PlatformInfo } from "../../infra/platform";
import { clusterFromRender, inPolicedNamespaces, outside } from "../support/clusterModel";
import { reachability, type Cluster, type Endpoint } from "../support/reachability";
import { appsOnLocalRegistry, localRegistry, renderStack, variant } from "../support/render";

/**
 * Reachability computed from the rendered NetworkPolicies: every connection they allow to or from the app
 * namespaces, against the matrix we intend. Nothing else may be reachable.
 */

/** The platform as apps see it: the ingress controller's namespace is read from here, whatever the controller. */
const platform: PlatformInfo = sharedPlatform;

const dns = (pod: string) => [`${pod} -> kube-dns:53/TCP`, `${pod} -> kube-dns:53/UDP`];
const tcp = (from: string, to: string, port: number) => `${from} -> ${to}:${port}/TCP`;
/** Every pair of the apps (each app to itself too: its replicas) on the destination's port. */
const amongEachOther = (apps: Record<string, number>) => Object.keys(apps).flatMap((from) => Object.entries(apps).map(([to, port]) => tcp(from, to, port)));
/** Everything outside the app namespaces, which a public load balancer (no `from`) admits. */
const everyoneOutside = ["ingress-controller", "kube-dns", "other/pod", outside.internet.id, outside.metadata.id, outside.vpc.id];

async function matrix(stack: string, options: { configFile?: string; extra?: Endpoint[] } = {}): Promise<{ flows: string[]; cluster: Cluster; focus: (e: Endpoint) => boolean }> {
    const result = await renderStack(stack, options.configFile ? { configFile: options.configFile } : {});
    const cluster = clusterFromRender(result, { ingressNamespace: platform.ingressNamespace, extra: options.extra });
    const focus = inPolicedNamespaces(result);
    return { flows: reachability(cluster, focus), cluster, focus };
}

/** dev and prod: nginx behind a public load balancer, web-server behind the ingress, both in namespace web. */
function clusterStackMatrix(): string[] {
    const apps = { "web/nginx": 8080, "web/web-server": 8080 };
    return [
        ...amongEachOther(apps),
        ...Object.keys(apps).flatMap(dns),
        ...dns("web/acme-solver"), // default-deny covers the solver too: DNS only
        ...everyoneOutside.map((from) => tcp(from, "web/nginx", 8080)),
        tcp("ingress-controller", "web/web-server", 8080),
        tcp("ingress-controller", "web/acme-solver", 8089),
    ].sort();
}

describe("NetworkPolicy reachability", () => {
    for (const stack of ["dev", "prod"]) {
        it(`${stack}: the apps reach each other and DNS; the load balancer admits anyone to nginx, the ingress controller reaches web-server and the ACME solver; nothing else`, async () => {
            assert.deepEqual((await matrix(stack)).flows, clusterStackMatrix());
        });
    }

    it("pr-42 (tenant): the same among its apps, both behind the shared ingress; another tenant's pods reach nothing of it", async () => {
        const neighbour: Endpoint = { id: "pr-41/web-server", ip: "10.8.1.1", ports: [{ port: 8080, protocol: "TCP", name: "http" }], pod: { namespace: "pr-41", labels: { "app.kubernetes.io/name": "web-server", "app.kubernetes.io/instance": "pr-41", "app.kubernetes.io/part-of": "webstack" } } };
        const { flows } = await matrix("pr-42", { extra: [neighbour] });
        const apps = { "pr-42/nginx": 8080, "pr-42/web-server": 8080 };
        assert.deepEqual(flows, [
            ...amongEachOther(apps),
            ...Object.keys(apps).flatMap(dns),
            ...dns("pr-42/acme-solver"),
            tcp("ingress-controller", "pr-42/nginx", 8080),
            tcp("ingress-controller", "pr-42/web-server", 8080),
            tcp("ingress-controller", "pr-42/acme-solver", 8089),
        ].sort());
    });

    it("the namespace's same-namespace policy is what lets its apps reach each other: without it they cannot", async () => {
        const { cluster, focus } = await matrix("dev");
        const without = { ...cluster, policies: cluster.policies.filter((p) => p.metadata.name !== "allow-same-namespace") };
        const flows = reachability(without, focus);
        assert.ok(!flows.includes(tcp("web/nginx", "web/web-server", 8080)));
        assert.ok(!flows.includes(tcp("web/web-server", "web/nginx", 8080)));
        assert.ok(flows.includes(tcp("ingress-controller", "web/web-server", 8080)), "the ingress side is unchanged");
    });

    describe("declared egress", () => {
        // web-server (namespace web) uses redis in namespace data and calls an outside API; a reporting job in web
        // reads a database in the VPC. nginx declares nothing.
        const apps = appsOnLocalRegistry("dev");
        const configFile = variant("dev", {
            "webstack:cloud": "existing",
            "webstack:cluster": undefined,
            "gcp:project": undefined,
            "gcp:region": undefined,
            "webstack:apps": {
                nginx: apps.nginx,
                "web-server": { ...apps["web-server"], egress: [{ to: "redis" }, { to: "internet", ports: [443] }] },
                reports: { image: `${localRegistry}/reports`, tag: "1.0.0", egress: [{ to: "10.20.0.0/16", ports: [5432] }] },
                redis: {
                    namespace: "data",
                    image: "redis",
                    tag: "7.4.2-alpine",
                    port: 6379,
                    portName: "redis",
                    probes: { type: "tcp" },
                    securityContext: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 },
                },
            },
        });

        it("opens exactly what each app asked for: redis across namespaces, the internet on 443 but not the metadata server or the VPC, the VPC range on 5432", async () => {
            const { flows } = await matrix("dev", { configFile });
            const web = { "web/nginx": 8080, "web/web-server": 8080, "web/reports": 8080 };
            assert.deepEqual(flows, [
                ...amongEachOther(web),
                ...amongEachOther({ "data/redis": 6379 }),
                ...[...Object.keys(web), "data/redis"].flatMap(dns),
                ...dns("web/acme-solver"),
                ...everyoneOutside.map((from) => tcp(from, "web/nginx", 8080)),
                tcp("ingress-controller", "web/web-server", 8080),
                tcp("ingress-controller", "web/acme-solver", 8089),
                tcp("web/web-server", "data/redis", 6379),
                tcp("web/web-server", outside.internet.id, 443),
                tcp("web/reports", outside.vpc.id, 5432),
            ].sort());
        });

        it("an app that names a target's Service port reaches its container port", async () => {
            const file = variant("dev", {
                "webstack:cloud": "existing",
                "webstack:cluster": undefined,
                "gcp:project": undefined,
                "gcp:region": undefined,
                "webstack:webServerToken": undefined,
                "webstack:apps": {
                    client: { image: `${localRegistry}/client`, tag: "1.0.0", namespace: "a", egress: [{ to: "api", ports: [80] }] },
                    api: { image: `${localRegistry}/api`, tag: "1.0.0", namespace: "b" },
                },
            });
            const { flows } = await matrix("dev", { configFile: file });
            assert.ok(flows.includes(tcp("a/client", "b/api", 8080)), flows.join("\n"));
        });
    });
});
