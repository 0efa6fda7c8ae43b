import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RecordedResource } from "../infra/offline/recorder";
import type { RenderResult } from "../infra/offline/render";
import { controllerServiceAnnotations, loadBalancerAddress } from "../infra/platform/controllerService";
import { appsOnLocalRegistry, ofType, one, onEks, ref, renderStack, stackFileConfig, variant } from "./support/render";

// ---- renders ------------------------------------------------------------------------------------------------

const awsDev = () => renderStack("dev", { configFile: onEks("dev") });

/** An adopted cluster (minikube, kind); `changes` are further stack-file keys. */
const existing = (changes: Record<string, unknown> = {}) =>
    renderStack("dev", {
        configFile: variant("dev", {
            "webstack:cloud": "existing",
            "webstack:cluster": undefined,
            "gcp:project": undefined,
            "gcp:region": undefined,
            "webstack:kubeconfig": { secure: "v1:x" },
            "webstack:existing": { loadBalancerAddresses: false },
            "webstack:apps": appsOnLocalRegistry("dev"),
            ...changes,
        }),
    });

const minikube = () => existing();
/** Only cert-manager, no app served over TLS and no ACME e-mail. */
const certManagerOnly = () =>
    existing({
        "webstack:platform": { ingressController: false, certManager: true },
        "webstack:apps": undefined,
        "webstack:webServerToken": undefined,
        "webstack:acmeEmail": undefined,
    });
const bare = () => existing({ "webstack:platform": { ingressController: false, certManager: false } });

const everyCluster: [string, () => Promise<RenderResult>][] = [
    ["dev (GKE)", () => renderStack("dev")],
    ["prod (GKE)", () => renderStack("prod")],
    ["dev on EKS", awsDev],
    ["minikube", minikube],
];

// ---- helpers ------------------------------------------------------------------------------------------------

const chartType = "kubernetes:helm.sh/v4:Chart";
const issuerType = "kubernetes:cert-manager.io/v1:ClusterIssuer";

function chart(result: RenderResult, name: "ingress-nginx" | "cert-manager"): RecordedResource {
    const found = ofType(result, chartType).filter((r) => r.inputs.chart === name);
    assert.equal(found.length, 1, `one ${name} chart`);
    return found[0];
}

function values(chartResource: RecordedResource): Record<string, any> {
    return chartResource.inputs.values as Record<string, any>;
}

function controllerService(result: RenderResult): RecordedResource {
    const found = ofType(result, "kubernetes:core/v1:Service").filter((r) => meta(r).name === "ingress-nginx-controller");
    assert.equal(found.length, 1, "one ingress-nginx-controller Service");
    return found[0];
}

function meta(r: RecordedResource): { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> } {
    return (r.inputs.metadata ?? {}) as ReturnType<typeof meta>;
}

function namespaceNamed(result: RenderResult, name: string): RecordedResource {
    const found = ofType(result, "kubernetes:core/v1:Namespace").filter((r) => meta(r).name === name);
    assert.equal(found.length, 1, `one Namespace ${name}`);
    return found[0];
}

/** Every resource below the Platform component, at any depth. */
function platformResources(result: RenderResult): RecordedResource[] {
    const platform = one(result, "webstack:platform:Platform");
    const inside = new Set([ref(platform)]);
    const out: RecordedResource[] = [];
    // Registration order puts parents before children.
    for (const r of result.resources) {
        if (r.parent && inside.has(r.parent)) {
            inside.add(ref(r));
            out.push(r);
        }
    }
    return out;
}

const stackName = (result: RenderResult) => `webstack-${result.stack}`;
const resourcesOf = (container: Record<string, any>) => container.resources as { requests: Record<string, string>; limits: Record<string, string> };

function assertRequestsAndLimits(where: string, resources: { requests?: Record<string, string>; limits?: Record<string, string> } | undefined) {
    for (const kind of ["requests", "limits"] as const) {
        for (const key of ["cpu", "memory"]) {
            assert.match(String(resources?.[kind]?.[key] ?? ""), /^\d+(\.\d+)?(m|Mi|Gi)?$/, `${where}: ${kind}.${key}`);
        }
    }
}

// ---- tests --------------------------------------------------------------------------------------------------

describe("platform: ingress-nginx", () => {
    test("comes from the pinned chart, released so its controller is named ingress-nginx-controller", async () => {
        const result = await renderStack("dev");
        const ingress = chart(result, "ingress-nginx");
        assert.equal(ingress.inputs.version, "4.14.3");
        assert.deepEqual(ingress.inputs.repositoryOpts, { repo: "https://kubernetes.github.io/ingress-nginx" });
        assert.equal(ingress.inputs.name, "ingress-nginx", "release name containing the chart name: fullname = release name");
        assert.equal(ingress.inputs.namespace, "ingress-nginx");
        assert.ok(ingress.remote);
        assert.ok(ingress.dependsOn.includes(ref(namespaceNamed(result, "ingress-nginx"))), "chart waits for its namespace");
    });

    test("runs in its own namespace under Pod Security restricted", async () => {
        const labels = meta(namespaceNamed(await renderStack("dev"), "ingress-nginx")).labels ?? {};
        for (const mode of ["enforce", "audit", "warn"]) assert.equal(labels[`pod-security.kubernetes.io/${mode}`], "restricted", mode);
    });

    test("dev runs one controller and no PodDisruptionBudget; prod two, spread over nodes, with one", async () => {
        const dev = values(chart(await renderStack("dev"), "ingress-nginx")).controller;
        const prod = values(chart(await renderStack("prod"), "ingress-nginx")).controller;
        // The chart renders its PodDisruptionBudget only when replicaCount > 1.
        assert.equal(dev.replicaCount, 1);
        assert.equal(prod.replicaCount, 2);
        assert.equal(prod.minAvailable, 1);
        assert.ok(prod.minAvailable < prod.replicaCount, "the PDB lets one prod pod go at a time");
        assert.equal(dev.topologySpreadConstraints, undefined);
        const [spread] = prod.topologySpreadConstraints;
        assert.equal(spread.topologyKey, "kubernetes.io/hostname");
        assert.deepEqual(spread.labelSelector.matchLabels, (controllerService(await renderStack("prod")).inputs.spec as any).selector);
    });

    test("sets requests and limits on the controller and on the admission webhook jobs", async () => {
        const controller = values(chart(await renderStack("dev"), "ingress-nginx")).controller;
        assertRequestsAndLimits("controller", resourcesOf(controller));
        assertRequestsAndLimits("createSecretJob", resourcesOf(controller.admissionWebhooks.createSecretJob));
        assertRequestsAndLimits("patchWebhookJob", resourcesOf(controller.admissionWebhooks.patchWebhookJob));
    });

    test("is the default nginx IngressClass, publishes our Service, not the chart's, and has metrics off", async () => {
        const result = await renderStack("dev");
        const controller = values(chart(result, "ingress-nginx")).controller;
        assert.deepEqual(controller.ingressClassResource, { name: "nginx", enabled: true, default: true });
        assert.equal(controller.service.enabled, false);
        const service = meta(controllerService(result));
        assert.equal(controller.extraArgs["publish-service"], `${service.namespace}/${service.name}`);
        assert.equal(controller.metrics.enabled, false);
    });
});

describe("platform: the controller's LoadBalancer Service", () => {
    test("is a typed Service to the controller pods' http/https ports with Local traffic policy", async () => {
        const result = await renderStack("dev");
        const service = controllerService(result);
        const release = chart(result, "ingress-nginx").inputs.name;
        const spec = service.inputs.spec as any;
        assert.equal(meta(service).name, `${release}-controller`);
        assert.equal(meta(service).namespace, "ingress-nginx");
        assert.equal(spec.type, "LoadBalancer");
        assert.equal(spec.externalTrafficPolicy, "Local");
        assert.deepEqual(
            spec.ports.map((p: any) => [p.port, p.targetPort, p.protocol]),
            [[80, "http", "TCP"], [443, "https", "TCP"]],
        );
        assert.deepEqual(spec.selector, {
            "app.kubernetes.io/name": "ingress-nginx",
            "app.kubernetes.io/instance": release,
            "app.kubernetes.io/component": "controller",
        });
        assert.ok(service.dependsOn.includes(ref(namespaceNamed(result, "ingress-nginx"))));
        assert.ok(!service.dependsOn.some((d) => d.startsWith(chartType)), "the address does not wait for the chart");
    });

    test("on GKE: no annotations, so Pulumi waits for the address", async () => {
        for (const stack of ["dev", "prod"]) {
            assert.equal(meta(controllerService(await renderStack(stack))).annotations, undefined, stack);
        }
    });

    test("on EKS: an in-tree NLB across zones, and Pulumi waits for its hostname", async () => {
        const annotations = meta(controllerService(await awsDev())).annotations ?? {};
        assert.equal(annotations["service.beta.kubernetes.io/aws-load-balancer-type"], "nlb");
        assert.equal(annotations["service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled"], "true");
        assert.equal(annotations["pulumi.com/skipAwait"], undefined);
    });

    test("on minikube/kind: skips the await for an address that never comes, and has no cloud annotations", async () => {
        const annotations = meta(controllerService(await minikube())).annotations ?? {};
        assert.deepEqual(annotations, { "pulumi.com/skipAwait": "true" });
    });

    test("an existing cluster with load-balancer addresses keeps the await", () => {
        assert.deepEqual(controllerServiceAnnotations({ cloud: "existing", loadBalancerAddresses: true }), {});
    });

    test("its address is the stack's ingressAddress: an IP on GKE, a hostname on EKS", async () => {
        assert.match(String((await renderStack("dev")).outputs.ingressAddress), /^\d+\.\d+\.\d+\.\d+$/);
        assert.match(String((await awsDev()).outputs.ingressAddress), /\.elb\.eu-west-1\.amazonaws\.com$/);
    });

    test("reading the address copes with a Service that has none yet", () => {
        assert.equal(loadBalancerAddress(undefined), undefined);
        assert.equal(loadBalancerAddress({}), undefined);
        assert.equal(loadBalancerAddress({ loadBalancer: {} }), undefined);
        assert.equal(loadBalancerAddress({ loadBalancer: { ingress: [] } }), undefined);
        assert.equal(loadBalancerAddress({ loadBalancer: { ingress: [{ ip: "203.0.113.7" }] } }), "203.0.113.7");
        assert.equal(loadBalancerAddress({ loadBalancer: { ingress: [{ hostname: "lb.example.com" }] } }), "lb.example.com");
    });
});

describe("platform: cert-manager and the ClusterIssuers", () => {
    test("comes from the pinned chart with its CRDs and the startup API check, in a restricted namespace", async () => {
        const result = await renderStack("dev");
        const certManager = chart(result, "cert-manager");
        assert.equal(certManager.inputs.version, "v1.21.2");
        assert.deepEqual(certManager.inputs.repositoryOpts, { repo: "https://charts.jetstack.io" });
        assert.equal(certManager.inputs.namespace, "cert-manager");
        const v = values(certManager);
        assert.equal(v.crds.enabled, true);
        assert.equal(v.startupapicheck.enabled, true);
        for (const [where, container] of [["controller", v], ["webhook", v.webhook], ["cainjector", v.cainjector], ["startupapicheck", v.startupapicheck]]) {
            assertRequestsAndLimits(where, resourcesOf(container));
        }
        const labels = meta(namespaceNamed(result, "cert-manager")).labels ?? {};
        assert.equal(labels["pod-security.kubernetes.io/enforce"], "restricted");
    });

    test("creates letsencrypt-staging and letsencrypt-prod for HTTP-01 through the nginx class", async () => {
        const result = await renderStack("dev");
        const issuers = ofType(result, issuerType);
        assert.deepEqual(issuers.map((i) => meta(i).name).sort(), ["letsencrypt-prod", "letsencrypt-staging"]);
        const servers: Record<string, string> = {
            "letsencrypt-staging": "https://acme-staging-v02.api.letsencrypt.org/directory",
            "letsencrypt-prod": "https://acme-v02.api.letsencrypt.org/directory",
        };
        const keyNames = new Set<string>();
        for (const issuer of issuers) {
            const acme = (issuer.inputs.spec as any).acme;
            assert.equal(issuer.inputs.apiVersion, "cert-manager.io/v1");
            assert.equal(acme.server, servers[meta(issuer).name!]);
            assert.equal(acme.email, stackFileConfig("dev")["webstack:acmeEmail"]);
            keyNames.add(acme.privateKeySecretRef.name);
            assert.deepEqual(acme.solvers, [{ http01: { ingress: { ingressClassName: "nginx" } } }]);
        }
        assert.equal(keyNames.size, 2, "each issuer keeps its own ACME account key");
    });

    test("waits for the cert-manager chart (CRDs, webhook, startupapicheck) before creating the issuers", async () => {
        for (const [label, render] of everyCluster) {
            const result = await render();
            const certManager = ref(chart(result, "cert-manager"));
            for (const issuer of ofType(result, issuerType)) {
                assert.ok(issuer.dependsOn.includes(certManager), `${label}: ${issuer.name} depends on ${certManager}`);
            }
        }
    });

    test("registers the ACME account without an e-mail when none is configured", async () => {
        for (const issuer of ofType(await certManagerOnly(), issuerType)) {
            assert.equal("email" in (issuer.inputs.spec as any).acme, false, issuer.name);
        }
    });
});

describe("platform: switched-off pieces on existing clusters", () => {
    test("without the ingress controller: no chart, namespace or Service of it, and no ingress address", async () => {
        const result = await certManagerOnly();
        assert.equal(ofType(result, chartType).filter((r) => r.inputs.chart === "ingress-nginx").length, 0);
        assert.equal(ofType(result, "kubernetes:core/v1:Namespace").filter((r) => meta(r).name === "ingress-nginx").length, 0);
        assert.equal(ofType(result, "kubernetes:core/v1:Service").filter((r) => meta(r).name === "ingress-nginx-controller").length, 0);
        assert.equal(ofType(result, "webstack:platform:IngressNginx").length, 0);
        assert.equal(result.outputs.ingressAddress, undefined);
        chart(result, "cert-manager");
        assert.equal(ofType(result, issuerType).length, 2);
    });

    test("with both off: the Platform installs nothing", async () => {
        const result = await bare();
        one(result, "webstack:platform:Platform");
        assert.deepEqual(platformResources(result), []);
        assert.equal(ofType(result, chartType).length, 0);
        assert.equal(ofType(result, issuerType).length, 0);
    });
});

describe("platform: wiring", () => {
    test("every Kubernetes resource of the platform uses the cluster's provider and sits under its component", async () => {
        for (const [label, render] of everyCluster) {
            const result = await render();
            const children = platformResources(result);
            const kubernetes = children.filter((r) => r.type.startsWith("kubernetes:"));
            assert.equal(kubernetes.length, 7, `${label}: 2 namespaces, 2 charts, 1 Service, 2 ClusterIssuers`);
            for (const r of kubernetes) {
                assert.equal(r.provider, `pulumi:providers:kubernetes::${stackName(result)}`, `${label}: ${ref(r)}`);
                assert.match(String(r.parent), /^webstack:platform:(IngressNginx|CertManager)::/, `${label}: ${ref(r)}`);
            }
            for (const component of children.filter((r) => r.type.startsWith("webstack:"))) {
                assert.equal(component.parent, `webstack:platform:Platform::${stackName(result)}`, `${label}: ${ref(component)}`);
            }
        }
    });

    test("every object the platform declares itself (Namespaces, Service, ClusterIssuers) is schema-valid", async () => {
        const { Namespace, Service } = await import("kubernetes-models/v1");
        const { ClusterIssuer } = await import("@kubernetes-models/cert-manager/cert-manager.io/v1");
        // The models' base class is an exports-only ESM package that this tsconfig's module resolution cannot
        // type, so validate() (there at runtime) is declared here.
        type Validatable = { validate(): void };
        const models: Record<string, (data: any) => Validatable> = {
            "kubernetes:core/v1:Namespace": (data) => new Namespace(data) as unknown as Validatable,
            "kubernetes:core/v1:Service": (data) => new Service(data) as unknown as Validatable,
            [issuerType]: (data) => new ClusterIssuer(data) as unknown as Validatable,
        };
        for (const [label, render] of [...everyCluster, ["cert-manager only", certManagerOnly] as const]) {
            const objects = platformResources(await render()).filter((r) => r.type.startsWith("kubernetes:") && r.type !== chartType);
            assert.ok(objects.length >= 3, label);
            for (const object of objects) {
                const model = models[object.type];
                assert.ok(model, `${label}: no schema model for ${object.type}`);
                assert.doesNotThrow(() => model(object.inputs).validate(), `${label}: ${ref(object)}`);
            }
        }
    });
});
