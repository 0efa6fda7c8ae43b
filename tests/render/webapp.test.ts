import * as pulumi from "@pulumi/pulumi";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { exposure } from "../../stacks/exposure";
import { imageRef } from "../../stacks/imageRef";
import { checksumAnnotation, contentChecksum } from "../../infra/webapp/checksum";
import type { RecordedResource } from "../../tools/render/recorder";
import type { RenderResult } from "../../tools/render/render";
import { offlineSecretPlaceholder } from "../../tools/render/stackConfig";
import { appsOnLocalRegistry, localRegistry, one, ofType, onEks, ref, renderStack, stackFileConfig, testImageTag, variant } from "../support/render";
import { schemaProblems } from "../support/schema";
import { kubernetesTypes } from "../support/types";

/** Recorded manifests are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const T = { ...kubernetesTypes, webApp: "webstack:app:WebApp", appNamespace: "webstack:app:AppNamespace" };

/** dev's apps as an adopted cluster runs them: web-server from a local registry. */
const devApps = appsOnLocalRegistry("dev") as Record<string, Obj>;

/** dev on an adopted cluster without load-balancer addresses (minikube/kind), plus apps covering other volume modes. */
const localFile = variant("dev", {
    "webstack:cloud": "existing",
    "webstack:cluster": undefined,
    "webstack:existing": { loadBalancerAddresses: false },
    "webstack:apps": {
        ...devApps,
        shared: {
            image: "ghcr.io/acme/shared",
            tag: "1.0.0",
            replicas: 2,
            volume: { size: "2Gi", mountPath: "/srv", accessMode: "ReadWriteMany", storageClass: "nfs" },
        },
        single: {
            namespace: "batch",
            image: "ghcr.io/acme/single",
            tag: "2.0.0",
            volume: { size: "1Gi", mountPath: "/srv", accessMode: "ReadWriteOncePod" },
        },
    },
});
/** The same with different nginx files: only nginx's pods must roll. */
const localEditedFile = variant("dev", {
    "webstack:cloud": "existing",
    "webstack:cluster": undefined,
    "webstack:existing": { loadBalancerAddresses: false },
    "webstack:apps": { ...devApps, nginx: { ...devApps.nginx, files: { ...devApps.nginx.files, data: { "index.html": "<p>changed</p>\n" } } } },
});

/** dev on EKS: AWS load balancers report host names. */
const eksFile = onEks("dev");

const renders: Record<string, () => Promise<RenderResult>> = {
    dev: () => renderStack("dev"),
    prod: () => renderStack("prod"),
    local: () => renderStack("dev", { configFile: localFile }),
    eks: () => renderStack("dev", { configFile: eksFile }),
};

const inputs = (r: RenderResult, type: string, name: string): Obj => one(r, type, name).inputs;
const pod = (r: RenderResult, app: string): Obj => inputs(r, T.deployment, app).spec.template.spec;
const container = (r: RenderResult, app: string): Obj => pod(r, app).containers[0];
const has = (r: RenderResult, type: string, name: string) => ofType(r, type).some((x) => x.name === name);
const appConfig = (stack: "dev" | "prod", app: string): Obj => (stackFileConfig(stack)["webstack:apps"] as Obj)[app];
const childrenOf = (r: RenderResult, parent: string) => r.resources.filter((x) => x.parent === parent).map((x) => `${x.type}::${x.name}`).sort();

describe("WebApp: resources per app", () => {
    for (const stack of ["dev", "prod"] as const) {
        it(`${stack}: each app is one WebApp component owning exactly what its config asks for`, async () => {
            const r = await renders[stack]();
            assert.deepEqual(childrenOf(r, `${T.webApp}::nginx`), [
                `${T.configMap}::nginx-files`,
                `${T.service}::nginx`,
                `${T.deployment}::nginx`,
                `${T.networkPolicy}::nginx`,
                `${T.pdb}::nginx`,
            ].sort());
            assert.deepEqual(childrenOf(r, `${T.webApp}::web-server`), [
                `${T.secret}::web-server-env`,
                `${T.pvc}::web-server-data`,
                `${T.service}::web-server`,
                `${T.ingress}::web-server`,
                `${T.deployment}::web-server`,
                `${T.networkPolicy}::web-server`,
                ...(stack === "prod" ? [`${T.hpa}::web-server`] : []),
            ].sort());
            for (const app of ["nginx", "web-server"]) assert.equal(one(r, T.webApp, app).parent, `pulumi:pulumi:Stack::webstack-${stack}`);
        });
    }

    for (const [stack, render] of Object.entries(renders)) {
        it(`${stack}: every Kubernetes object uses the cluster's provider, and app objects are parented to their component`, async () => {
            const r = await render();
            const provider = ref(one(r, "pulumi:providers:kubernetes"));
            const k8s = r.resources.filter((x) => x.custom && x.type.startsWith("kubernetes:"));
            assert.ok(k8s.length > 10);
            for (const x of k8s) assert.equal(x.provider, provider, `${ref(x)} provider`);
            const components = new Set([...ofType(r, T.webApp), ...ofType(r, T.appNamespace)].map(ref));
            const own = r.resources.filter((x) => x.parent !== null && components.has(x.parent));
            for (const x of own) assert.ok(x.custom && x.type.startsWith("kubernetes:"), `${ref(x)} is a Kubernetes object`);
            assert.ok(own.length >= 13);
        });

        it(`${stack}: every rendered manifest is valid against the Kubernetes (and cert-manager) schemas`, async () => {
            const r = await render();
            assert.deepEqual(await schemaProblems(r.manifests), []);
        });
    }
});

describe("WebApp: namespaces", () => {
    it("app namespaces enforce Pod Security restricted (pinned version) and deny all traffic but DNS by default", async () => {
        const r = await renders.local();
        for (const name of ["web", "batch"]) {
            const component = one(r, T.appNamespace, name);
            const ns = inputs(r, T.namespace, name);
            assert.equal(one(r, T.namespace, name).parent, ref(component));
            assert.equal(ns.metadata.name, name);
            for (const mode of ["enforce", "audit", "warn"]) {
                assert.equal(ns.metadata.labels[`pod-security.kubernetes.io/${mode}`], "restricted");
                assert.match(ns.metadata.labels[`pod-security.kubernetes.io/${mode}-version`], /^v1\.\d+$/);
            }
            const deny = one(r, T.networkPolicy, `${name}-default-deny`);
            assert.equal(deny.parent, ref(component));
            assert.ok(deny.dependsOn.includes(`${T.namespace}::${name}`));
            assert.equal((deny.inputs as Obj).metadata.namespace, name);
            assert.deepEqual((deny.inputs as Obj).spec.podSelector, {});
            assert.deepEqual((deny.inputs as Obj).spec.policyTypes, ["Ingress", "Egress"]);
            assert.equal((deny.inputs as Obj).spec.ingress, undefined);
            assert.deepEqual((deny.inputs as Obj).spec.egress, [{
                to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
            }]);
        }
        // cert-manager's HTTP-01 solver pods run beside the Ingress: the controller must reach them through the deny.
        const solver = one(r, T.networkPolicy, "web-acme-solver");
        assert.equal(solver.parent, `${T.appNamespace}::web`);
        const controllerNamespace = inputs(r, T.networkPolicy, "web-server").spec.ingress[0].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"];
        assert.deepEqual((solver.inputs as Obj).spec, {
            podSelector: { matchLabels: { "acme.cert-manager.io/http01-solver": "true" } },
            policyTypes: ["Ingress"],
            ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": controllerNamespace } } }], ports: [{ protocol: "TCP", port: 8089 }] }],
        });
        assert.equal(has(r, T.networkPolicy, "batch-acme-solver"), false, "batch serves no Ingress");
        assert.equal(inputs(r, T.deployment, "single").metadata.namespace, "batch");
        assert.equal(inputs(r, T.deployment, "shared").metadata.namespace, "web");
    });

    it("a prod namespace holding a volume is protected and retained (deleting it would delete the PVC); dev's is not", async () => {
        const prod = one(await renders.prod(), T.namespace, "web");
        assert.equal(prod.protect, true);
        assert.equal(prod.retainOnDelete, true);
        const dev = one(await renders.dev(), T.namespace, "web");
        assert.equal(dev.protect, false);
        assert.equal(dev.retainOnDelete, false);
    });
});

describe("WebApp: Deployment and pods", () => {
    for (const stack of ["dev", "prod"] as const) {
        it(`${stack}: explicit name and namespace, labels derived once, selector is their immutable subset`, async () => {
            const r = await renders[stack]();
            for (const app of ["nginx", "web-server"]) {
                const d = inputs(r, T.deployment, app);
                assert.equal(d.metadata.name, app);
                assert.equal(d.metadata.namespace, "web");
                assert.deepEqual(d.spec.selector.matchLabels, { "app.kubernetes.io/name": app, "app.kubernetes.io/instance": stack });
                assert.deepEqual(d.spec.template.metadata.labels, {
                    ...d.spec.selector.matchLabels,
                    "app.kubernetes.io/part-of": "webstack",
                    "app.kubernetes.io/managed-by": "pulumi",
                });
                assert.deepEqual(d.metadata.labels, d.spec.template.metadata.labels);
                // The Service adds the label all apps share: on EKS the same-namespace egress peer must match it (eks-service-egress.test.ts).
                assert.deepEqual(inputs(r, T.service, app).spec.selector, { ...d.spec.selector.matchLabels, "app.kubernetes.io/part-of": "webstack" });
                assert.deepEqual(inputs(r, T.networkPolicy, app).spec.podSelector.matchLabels, d.spec.selector.matchLabels);
                assert.deepEqual(d.spec.strategy, { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
                assert.ok(one(r, T.deployment, app).dependsOn.includes(`${T.namespace}::web`));
            }
        });

        it(`${stack}: restricted security contexts, no service account token, probes, requests and limits`, async () => {
            const r = await renders[stack]();
            for (const app of ["nginx", "web-server"]) {
                const config = appConfig(stack, app);
                const p = pod(r, app);
                const c = container(r, app);
                assert.equal(p.automountServiceAccountToken, false);
                assert.equal(p.securityContext.runAsNonRoot, true);
                assert.deepEqual(p.securityContext.seccompProfile, { type: "RuntimeDefault" });
                assert.equal(p.securityContext.runAsUser, undefined, "the image's numeric USER is kept (nginx-unprivileged is uid 101)");
                assert.deepEqual(c.securityContext, {
                    allowPrivilegeEscalation: false,
                    capabilities: { drop: ["ALL"] },
                    readOnlyRootFilesystem: true,
                    runAsNonRoot: true,
                    seccompProfile: { type: "RuntimeDefault" },
                });
                assert.deepEqual(c.ports, [{ name: "http", containerPort: config.port, protocol: "TCP" }]);
                assert.deepEqual(c.readinessProbe.httpGet, { path: config.probes?.path ?? "/", port: "http" });
                const livenessPath = config.probes?.livenessPath;
                if (livenessPath) assert.deepEqual(c.livenessProbe.httpGet, { path: livenessPath, port: "http" });
                else assert.deepEqual(c.livenessProbe.tcpSocket, { port: "http" }, "no liveness path: a TCP connect");
                assert.notDeepEqual(c.livenessProbe.httpGet, c.readinessProbe.httpGet, "liveness differs from readiness");
                const side = (given: Obj, cpu: string, memory: string, ephemeralStorage: string) => ({
                    cpu: given?.cpu ?? cpu,
                    memory: given?.memory ?? memory,
                    "ephemeral-storage": given?.ephemeralStorage ?? ephemeralStorage,
                });
                assert.deepEqual(c.resources, {
                    requests: side(config.resources?.requests, "100m", "128Mi", "64Mi"),
                    limits: side(config.resources?.limits, "500m", "256Mi", "256Mi"),
                });
                assert.equal(c.imagePullPolicy, "IfNotPresent");
            }
            assert.equal(pod(r, "web-server").securityContext.fsGroup, 10001, "the volume is writable for the image's user");
            assert.equal(pod(r, "nginx").securityContext.fsGroup, undefined);
        });
    }

    it("scratch emptyDirs at /tmp and every cachePaths entry, files read-only from the ConfigMap, the volume from the PVC", async () => {
        const r = await renders.dev();
        const mounts = (app: string) => Object.fromEntries(container(r, app).volumeMounts.map((m: Obj) => [m.mountPath, m]));
        const volumes = (app: string) => Object.fromEntries(pod(r, app).volumes.map((v: Obj) => [v.name, v]));
        const nginx = mounts("nginx");
        assert.deepEqual(Object.keys(nginx).sort(), ["/tmp", "/usr/share/nginx/html", "/var/cache/nginx"]);
        assert.deepEqual(volumes("nginx")[nginx["/tmp"].name], { name: nginx["/tmp"].name, emptyDir: {} });
        assert.deepEqual(volumes("nginx")[nginx["/var/cache/nginx"].name].emptyDir, {});
        assert.equal(nginx["/usr/share/nginx/html"].readOnly, true);
        assert.equal(volumes("nginx")[nginx["/usr/share/nginx/html"].name].configMap.name, inputs(r, T.configMap, "nginx-files").metadata.name);
        assert.deepEqual(inputs(r, T.configMap, "nginx-files").data, devApps.nginx.files.data);
        const web = mounts("web-server");
        assert.deepEqual(Object.keys(web).sort(), ["/data", "/tmp"]);
        assert.equal(volumes("web-server")[web["/data"].name].persistentVolumeClaim.claimName, inputs(r, T.pvc, "web-server-data").metadata.name);
        assert.ok(one(r, T.deployment, "nginx").dependsOn.includes(`${T.configMap}::nginx-files`));
    });

    it("a ReadWriteOnce volume keeps the pods on its node (required pod affinity to themselves); other apps spread across zones and nodes", async () => {
        const r = await renders.dev();
        const web = pod(r, "web-server");
        assert.deepEqual(web.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution, [{
            labelSelector: { matchLabels: inputs(r, T.deployment, "web-server").spec.selector.matchLabels },
            topologyKey: "kubernetes.io/hostname",
        }]);
        assert.equal(web.topologySpreadConstraints, undefined);
        assert.equal(web.affinity.podAntiAffinity, undefined);
        for (const [app, p] of [["nginx", pod(r, "nginx")], ["shared", pod(await renders.local(), "shared")]]) {
            assert.equal(p.affinity.podAffinity, undefined);
            assert.deepEqual(p.affinity.podAntiAffinity, {
                preferredDuringSchedulingIgnoredDuringExecution: [{
                    weight: 100,
                    podAffinityTerm: { labelSelector: { matchLabels: { "app.kubernetes.io/name": app, "app.kubernetes.io/instance": "dev" } }, topologyKey: "kubernetes.io/hostname" },
                }],
            }, "replicas prefer different nodes, without refusing to schedule when there are too few");
            assert.equal(p.topologySpreadConstraints.length, 1);
            const [spread] = p.topologySpreadConstraints;
            assert.equal(spread.topologyKey, "topology.kubernetes.io/zone");
            assert.equal(spread.whenUnsatisfiable, "ScheduleAnyway");
            assert.equal(spread.maxSkew, 1);
        }
        assert.equal(pod(r, "nginx").topologySpreadConstraints[0].labelSelector.matchLabels["app.kubernetes.io/name"], "nginx");
    });

    it("a ReadWriteOncePod volume (one pod only) replaces pods with Recreate instead of surging", async () => {
        const r = await renders.local();
        assert.deepEqual(inputs(r, T.deployment, "single").spec.strategy, { type: "Recreate" });
    });

    it("env: plain values, and secretEnv through secretKeyRef into the app's Secret", async () => {
        const r = await renders.dev();
        const env = container(r, "web-server").env;
        assert.deepEqual(env, [
            { name: "DATA_DIR", value: "/data" },
            { name: "API_TOKEN", valueFrom: { secretKeyRef: { name: inputs(r, T.secret, "web-server-env").metadata.name, key: "API_TOKEN" } } },
        ]);
        assert.ok(one(r, T.deployment, "web-server").dependsOn.includes(`${T.secret}::web-server-env`));
        assert.equal(container(r, "nginx").env, undefined);
    });

    it("images: our own build is pinned to the render's image tag, the third-party one to its configured tag", async () => {
        for (const stack of ["dev", "prod", "local"] as const) {
            const r = await renders[stack]();
            // dev and prod push to the stack's own registry; an adopted cluster to the repository its config names.
            const repository = stack === "local" ? `${localRegistry}/web-server` : `${String(r.outputs.registry)}/web-server`;
            assert.ok(stack === "local" || appConfig(stack, "web-server").image === undefined, "dev and prod name no repository");
            const web = `${repository}:${testImageTag}`;
            const nginx = `${devApps.nginx.image}:${devApps.nginx.tag}`;
            assert.equal(nginx, "docker.io/nginxinc/nginx-unprivileged:1.27.4-alpine");
            assert.equal(container(r, "web-server").image, web);
            assert.equal(container(r, "nginx").image, nginx);
            const apps = r.outputs.apps as Obj;
            assert.equal(apps["web-server"].image, web);
            assert.equal(apps.nginx.image, nginx);
        }
    });
});

describe("WebApp: exposure", () => {
    it("loadBalancer apps get a LoadBalancer Service (80 → app port), the others ClusterIP", async () => {
        for (const r of [await renders.dev(), await renders.local()]) {
            const nginx = inputs(r, T.service, "nginx");
            assert.equal(nginx.spec.type, "LoadBalancer");
            assert.deepEqual(nginx.spec.ports, [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }]);
            assert.equal(inputs(r, T.service, "web-server").spec.type, "ClusterIP");
        }
        assert.equal(inputs(await renders.local(), T.service, "shared").spec.type, "ClusterIP");
    });

    it("on EKS the LoadBalancer Service asks for an NLB, and the app's URL is the load balancer's host name", async () => {
        const r = await renders.eks();
        const annotations = inputs(r, T.service, "nginx").metadata.annotations;
        assert.deepEqual(annotations, {
            "webstack.dev/expose": "loadBalancer",
            "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
            "service.beta.kubernetes.io/aws-load-balancer-backend-protocol": "tcp",
            "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled": "true",
        });
        assert.match((r.outputs.apps as Obj).nginx.url, /^http:\/\/[a-z0-9.-]+\.elb\.eu-west-1\.amazonaws\.com$/);
        assert.deepEqual(inputs(await renders.dev(), T.service, "nginx").metadata.annotations, { "webstack.dev/expose": "loadBalancer" }, "GKE: only the opt-in marker");
    });

    it("LoadBalancer Services skip the await only where the cluster assigns no address (pulumi-kubernetes#567)", async () => {
        assert.equal(inputs(await renders.local(), T.service, "nginx").metadata.annotations["pulumi.com/skipAwait"], "true");
        for (const stack of ["dev", "prod"] as const) {
            assert.equal(inputs(await renders[stack](), T.service, "nginx").metadata.annotations?.["pulumi.com/skipAwait"], undefined);
        }
    });

    it("Ingresses skip the await where the cluster publishes no address, so `up` cannot hang on them", async () => {
        assert.equal(inputs(await renders.local(), T.ingress, "web-server").metadata.annotations["pulumi.com/skipAwait"], "true");
        for (const stack of ["dev", "prod"] as const) {
            assert.equal(inputs(await renders[stack](), T.ingress, "web-server").metadata.annotations["pulumi.com/skipAwait"], undefined);
        }
    });

    for (const [stack, tier] of [["dev", "staging"], ["prod", "prod"]] as const) {
        it(`${stack}: the Ingress serves the host over TLS with a certificate from the ${tier} ClusterIssuer`, async () => {
            const r = await renders[stack]();
            const ingress = inputs(r, T.ingress, "web-server");
            const host = appConfig(stack, "web-server").host;
            const issuers = ofType(r, T.clusterIssuer).map((i) => i.inputs as Obj);
            const issuer = issuers.find((i) => i.metadata.name === ingress.metadata.annotations["cert-manager.io/cluster-issuer"]);
            assert.ok(issuer, "the annotation names a ClusterIssuer of the render");
            assert.equal(/staging/.test(issuer.spec.acme.server), tier === "staging");
            assert.equal(ingress.spec.ingressClassName, issuer.spec.acme.solvers[0].http01.ingress.ingressClassName);
            assert.deepEqual(ingress.spec.tls, [{ hosts: [host], secretName: "web-server-tls" }]);
            assert.deepEqual(ingress.spec.rules, [{
                host,
                http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web-server", port: { number: 80 } } } }] },
            }]);
            assert.ok(one(r, T.ingress, "web-server").dependsOn.includes(`${T.service}::web-server`));
        });
    }

    it("stack outputs: https URL for ingress apps, the load balancer's address for loadBalancer apps, in-cluster DNS for internal ones", async () => {
        const r = await renders.dev();
        const apps = r.outputs.apps as Obj;
        assert.equal(apps["web-server"].url, "https://web.dev.example.com");
        const service = r.resources.find((x) => x.type === T.service && x.name === "nginx")!;
        assert.match(apps.nginx.url, /^http:\/\/\d+\.\d+\.\d+\.\d+$/);
        assert.equal((service.inputs as Obj).status, undefined, "the address comes from the cloud (the mock), not from the inputs");
        const local = (await renders.local()).outputs.apps as Obj;
        assert.equal(local.shared.url, "http://shared.web.svc.cluster.local");
        assert.equal(local.single.url, "http://single.batch.svc.cluster.local");
    });
});

describe("WebApp: volumes, scaling, disruption", () => {
    it("the PVC never blocks its Deployment (skipAwait, pulumi-kubernetes#895) and takes the cluster's class unless the app names one", async () => {
        const dev = await renders.dev();
        const pvc = one(dev, T.pvc, "web-server-data");
        assert.equal((pvc.inputs as Obj).metadata.annotations["pulumi.com/skipAwait"], "true");
        assert.deepEqual((pvc.inputs as Obj).spec.accessModes, ["ReadWriteOnce"]);
        assert.deepEqual((pvc.inputs as Obj).spec.resources, { requests: { storage: devApps["web-server"].volume.size } });
        assert.equal(typeof (pvc.inputs as Obj).spec.storageClassName, "string", "GKE names its class");
        const local = await renders.local();
        assert.equal("storageClassName" in inputs(local, T.pvc, "web-server-data").spec, false, "existing cluster: its default class");
        assert.equal(inputs(local, T.pvc, "shared-data").spec.storageClassName, "nfs");
        assert.deepEqual(inputs(local, T.pvc, "shared-data").spec.accessModes, ["ReadWriteMany"]);
    });

    it("PVCs are protected and retained in prod only", async () => {
        const prod = one(await renders.prod(), T.pvc, "web-server-data");
        assert.equal(prod.protect, true);
        assert.equal(prod.retainOnDelete, true);
        assert.equal((prod.inputs as Obj).spec.resources.requests.storage, "5Gi");
        const dev = one(await renders.dev(), T.pvc, "web-server-data");
        assert.equal(dev.protect, false);
        assert.equal(dev.retainOnDelete, false);
    });

    it("prod autoscales web-server on CPU; the HPA owns the replica count (ignoreChanges spec.replicas)", async () => {
        const r = await renders.prod();
        const autoscale = appConfig("prod", "web-server").autoscale;
        const hpa = one(r, T.hpa, "web-server");
        assert.deepEqual((hpa.inputs as Obj).spec, {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web-server" },
            minReplicas: autoscale.min,
            maxReplicas: autoscale.max,
            metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: autoscale.cpuPercent } } }],
        });
        assert.ok(hpa.dependsOn.includes(`${T.deployment}::web-server`));
        const deployment = one(r, T.deployment, "web-server");
        assert.equal((deployment.inputs as Obj).spec.replicas, autoscale.min);
        assert.deepEqual(deployment.ignoreChanges, ["spec.replicas"]);
        assert.deepEqual(one(r, T.deployment, "nginx").ignoreChanges, []);
        assert.equal(inputs(r, T.deployment, "nginx").spec.replicas, appConfig("prod", "nginx").replicas);
        const dev = await renders.dev();
        assert.equal(ofType(dev, T.hpa).length, 0);
        assert.deepEqual(one(dev, T.deployment, "web-server").ignoreChanges, []);
    });

    it("a PodDisruptionBudget guards apps with more than one replica, except those a ReadWriteOnce volume ties to one node", async () => {
        for (const stack of ["dev", "prod"] as const) {
            const r = await renders[stack]();
            assert.deepEqual(inputs(r, T.pdb, "nginx").spec, { maxUnavailable: 1, selector: { matchLabels: inputs(r, T.deployment, "nginx").spec.selector.matchLabels } });
            // prod web-server keeps >= 2 pods, but they all sit on the volume's node: a budget would block its drain.
            assert.equal(has(r, T.pdb, "web-server"), false);
        }
        const local = await renders.local();
        assert.equal(has(local, T.pdb, "shared"), true, "2 replicas on a ReadWriteMany volume");
        assert.equal(has(local, T.pdb, "single"), false, "1 replica");
    });
});

describe("WebApp: secrets", () => {
    for (const [stack, render] of Object.entries(renders)) {
        it(`${stack}: the Secret's values are secret inputs, and the secret value appears nowhere in the render`, async () => {
            const r = await render();
            const secret = one(r, T.secret, "web-server-env");
            assert.deepEqual((secret.inputs as Obj).stringData, { API_TOKEN: "[secret]" });
            assert.equal((secret.inputs as Obj).data, undefined);
            const manifest = r.manifests.find((m: Obj) => m.kind === "Secret" && m.metadata.name === "web-server-env") as Obj;
            assert.deepEqual(manifest.stringData, { API_TOKEN: "[secret]" });
            for (const [what, value] of [["resources", r.resources], ["manifests", r.manifests], ["outputs", r.outputs]] as const) {
                assert.equal(JSON.stringify(value).includes(offlineSecretPlaceholder), false, `${what} leak the secret`);
            }
        });
    }

    it("the pod template carries a sha256 of the Secret and ConfigMap contents, readable (not masked)", async () => {
        const r = await renders.dev();
        for (const app of ["nginx", "web-server"]) {
            assert.match(inputs(r, T.deployment, app).spec.template.metadata.annotations[checksumAnnotation], /^[0-9a-f]{64}$/);
        }
    });

    it("changing an app's files changes its checksum (its pods roll) and no other app's", async () => {
        const before = await renders.local();
        const after = await renderStack("dev", { configFile: localEditedFile });
        const checksum = (r: RenderResult, app: string) => inputs(r, T.deployment, app).spec.template.metadata.annotations[checksumAnnotation];
        assert.notEqual(checksum(after, "nginx"), checksum(before, "nginx"));
        assert.equal(checksum(after, "web-server"), checksum(before, "web-server"));
    });

    it("contentChecksum: follows the secret values, ignores key order, and is deliberately not secret", async () => {
        const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
        const a = contentChecksum({ secret: { A: pulumi.secret("one"), B: "x" }, configMap: { f: "1" } });
        const b = contentChecksum({ configMap: { f: "1" }, secret: { B: "x", A: pulumi.secret("one") } });
        const c = contentChecksum({ secret: { A: pulumi.secret("two"), B: "x" }, configMap: { f: "1" } });
        assert.equal(await value(a), await value(b));
        assert.notEqual(await value(a), await value(c));
        assert.equal(await pulumi.isSecret(a), false);
    });
});

describe("image references and exposure rules", () => {
    const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

    it("third-party images are image:tag; our own default to the registry and the resolved tag", async () => {
        assert.equal(await value(imageRef("nginx", { image: "nginx", tag: "1.27" }, { imageTag: "abc" })), "nginx:1.27");
        assert.equal(await value(imageRef("web", { build: "app/web", image: "ghcr.io/a/web" }, { imageTag: "abc" })), "ghcr.io/a/web:abc");
        assert.equal(await value(imageRef("web", { build: "app/web", tag: "v2" }, { imageTag: "abc", registry: pulumi.output("reg.example/acme") })), "reg.example/acme/web:v2");
        assert.equal(await value(imageRef("web", { build: "app/web" }, { imageTag: "abc", registry: pulumi.output("reg.example/acme") })), "reg.example/acme/web:abc");
        assert.throws(() => imageRef("web", { build: "app/web" }, { imageTag: "abc" }), /webstack:apps\.web\.image/);
    });

    it("tenant stacks turn LoadBalancer apps into Ingress apps at <app>-<stack>.<domain> unless forced", () => {
        const tenant = { tenantStack: true, stack: "dev-alice", domain: "dev.example.com" };
        const lb = { expose: "loadBalancer", forceLoadBalancer: false } as const;
        assert.deepEqual(exposure("nginx", lb, tenant), { mode: "ingress", host: "nginx-dev-alice.dev.example.com" });
        assert.deepEqual(exposure("nginx", { ...lb, forceLoadBalancer: true }, tenant), { mode: "loadBalancer" });
        assert.deepEqual(exposure("web", { expose: "ingress", host: "web.dev.example.com", forceLoadBalancer: false }, tenant), { mode: "ingress", host: "web-dev-alice.dev.example.com" });
        assert.deepEqual(exposure("api", { expose: "internal", forceLoadBalancer: false }, tenant), { mode: "internal" });
        assert.deepEqual(exposure("nginx", lb, { tenantStack: false, stack: "dev" }), { mode: "loadBalancer" });
        assert.deepEqual(exposure("web", { expose: "ingress", host: "web.example.com", forceLoadBalancer: false }, { tenantStack: false, stack: "prod" }), { mode: "ingress", host: "web.example.com" });
        assert.throws(() => exposure("nginx", lb, { tenantStack: true, stack: "dev-alice" }), /webstack:domain/);
    });
});

/** Every check above reads recorded resources; make sure the fixtures are what the tests think they are. */
describe("fixtures", () => {
    it("the local variant adopts an existing cluster without load-balancer addresses", async () => {
        const r = await renders.local();
        assert.equal(readFileSync(r.configSource, "utf8"), readFileSync(localFile, "utf8"), "the render read the local variant (renders are shared by content)");
        assert.equal(ofType(r, "webstack:cluster:Existing").length, 1);
        const types = new Set(r.resources.map((x: RecordedResource) => x.type));
        assert.equal([...types].some((t) => t.startsWith("gcp:")), false);
    });
});
