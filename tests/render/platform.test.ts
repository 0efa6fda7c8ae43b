import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RecordedResource } from "../../tools/render/recorder";
import type { RenderResult } from "../../tools/render/render";
import { loadBalancerAddress, loadBalancerServiceAnnotations } from "../../infra/kube/loadBalancer";
import { appsOnLocalRegistry, chartsOf, ofType, one, onEks, ref, renderStack, stackFileConfig, variant } from "../support/render";
import { kubernetesTypes as T } from "../support/types";

// ---- renders ------------------------------------------------------------------------------------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const awsDev = () => renderStack("dev", { configFile: onEks("dev") });
const prodAws = () => renderStack("prod", { configFile: onEks("prod") });

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


function chart(result: RenderResult, name: "traefik" | "cert-manager"): RecordedResource {
    const found = chartsOf(result, name);
    assert.equal(found.length, 1, `one ${name} chart`);
    return found[0];
}

function values(chartResource: RecordedResource): Record<string, any> {
    return chartResource.inputs.values as Record<string, any>;
}

function controllerService(result: RenderResult): RecordedResource {
    const found = ofType(result, "kubernetes:core/v1:Service").filter((r) => meta(r).namespace === "traefik" && meta(r).name === "traefik");
    assert.equal(found.length, 1, "one traefik/traefik Service");
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

/** The Ingress annotation naming Traefik's entry points for its routers. */
const entryPointsOf = (annotations: Record<string, string> | undefined) => annotations?.["traefik.ingress.kubernetes.io/router.entrypoints"];

// ---- tests --------------------------------------------------------------------------------------------------

describe("platform: Traefik replaces the retired ingress-nginx", () => {
    test("no render contains ingress-nginx; every cluster we create installs Traefik from the pinned chart", async () => {
        for (const [label, render] of [...everyCluster, ["prod on EKS", prodAws] as const]) {
            const result = await render();
            assert.doesNotMatch(JSON.stringify(result.resources), /ingress-nginx/, label);
            const traefik = chart(result, "traefik");
            assert.equal(traefik.inputs.version, "41.5.0", label);
            assert.deepEqual(traefik.inputs.repositoryOpts, { repo: "https://traefik.github.io/charts" }, label);
            assert.equal(traefik.inputs.name, "traefik", `${label}: release named after the chart, so its objects are "traefik"`);
            assert.equal(traefik.inputs.namespace, "traefik", label);
            assert.ok(traefik.remote, label);
            assert.ok(traefik.dependsOn.includes(ref(namespaceNamed(result, "traefik"))), `${label}: chart waits for its namespace`);
        }
    });

    test("runs in its own namespace under Pod Security restricted, with a pod that passes it", async () => {
        const result = await renderStack("dev");
        const labels = meta(namespaceNamed(result, "traefik")).labels ?? {};
        for (const mode of ["enforce", "audit", "warn"]) {
            assert.equal(labels[`pod-security.kubernetes.io/${mode}`], "restricted", mode);
            assert.equal(labels[`pod-security.kubernetes.io/${mode}-version`], "v1.31", `${mode} is pinned to the version the app namespaces enforce`);
        }
        const v = values(chart(result, "traefik"));
        assert.equal(v.podSecurityContext.runAsNonRoot, true);
        assert.equal(v.podSecurityContext.seccompProfile.type, "RuntimeDefault");
        assert.equal(v.securityContext.allowPrivilegeEscalation, false);
        assert.deepEqual(v.securityContext.capabilities.drop, ["ALL"]);
    });

    test("is the cluster's default IngressClass traefik, the class every Ingress and HTTP-01 solver uses", async () => {
        for (const [label, render] of everyCluster) {
            const result = await render();
            const ingressClass = values(chart(result, "traefik")).ingressClass;
            assert.deepEqual(ingressClass, { enabled: true, isDefaultClass: true, name: "traefik" }, label);
            for (const ingress of ofType(result, T.ingress)) assert.equal((ingress.inputs.spec as any).ingressClassName, ingressClass.name, `${label}: ${ingress.name}`);
            for (const issuer of ofType(result, T.clusterIssuer)) {
                assert.equal((issuer.inputs.spec as any).acme.solvers[0].http01.ingress.ingressClassName, ingressClass.name, `${label}: ${issuer.name}`);
            }
        }
    });

    test("dev runs one controller and no PodDisruptionBudget; prod two, spread over nodes, with one", async () => {
        for (const [label, render, prod] of [["dev", () => renderStack("dev"), false], ["prod", () => renderStack("prod"), true], ["prod on EKS", prodAws, true]] as const) {
            const result = await render();
            const v = values(chart(result, "traefik"));
            assert.equal(v.deployment.replicas, prod ? 2 : 1, label);
            assert.equal(v.podDisruptionBudget.enabled, prod, `${label}: the chart renders its PDB only when enabled`);
            if (!prod) {
                assert.equal(v.topologySpreadConstraints, undefined, label);
                continue;
            }
            assert.ok(v.podDisruptionBudget.minAvailable >= 1 && v.podDisruptionBudget.minAvailable < v.deployment.replicas, `${label}: one pod may go at a time, one stays`);
            const [spread] = v.topologySpreadConstraints;
            assert.equal(spread.topologyKey, "kubernetes.io/hostname", label);
            assert.deepEqual(spread.labelSelector.matchLabels, (controllerService(result).inputs.spec as any).selector, `${label}: spreads the pods the Service sends to`);
        }
    });

    test("sets requests and limits on the controller", async () => {
        assertRequestsAndLimits("traefik", resourcesOf(values(chart(await renderStack("dev"), "traefik"))));
    });

    test("redirects plain HTTP to HTTPS, except ACME HTTP-01 challenges, which stay on plain HTTP", async () => {
        const result = await renderStack("dev");
        const v = values(chart(result, "traefik"));
        const redirect = v.ports.web.http.redirections.entryPoint;
        assert.deepEqual({ to: redirect.to, scheme: redirect.scheme, permanent: redirect.permanent }, { to: "websecure", scheme: "https", permanent: true });
        // Traefik gives an Ingress router its rule's length as priority; the shortest rule an Ingress yields,
        // Host(`a.b`), is longer than 1, so every router on web (the solvers) wins over the redirect router.
        assert.ok(redirect.priority < "Host(`a.b`)".length, `redirect priority ${redirect.priority} must lose to every Ingress router`);
        // The only routers on web are the solvers'; app Ingresses are served on websecure only.
        for (const issuer of ofType(result, T.clusterIssuer)) {
            const solver = (issuer.inputs.spec as any).acme.solvers[0].http01.ingress;
            assert.equal(entryPointsOf(solver.ingressTemplate.metadata.annotations), "web", issuer.name);
        }
        for (const ingress of ofType(result, T.ingress)) assert.equal(entryPointsOf(meta(ingress).annotations), "websecure", ingress.name);
    });

    test("GKE owns the Gateway API CRDs: the cluster's Gateway API is on and the platform applies none of its own", async () => {
        const result = await renderStack("dev");
        assert.deepEqual((one(result, "gcp:container/cluster:Cluster").inputs as Obj).gatewayApiConfig, { channel: "CHANNEL_STANDARD" });
        assert.deepEqual(ofType(result, "kubernetes:yaml/v2:ConfigFile"), [], "applying them over GKE's, and deleting them on destroy, would fight GKE");
    });

    test("has its Gateway API provider and GatewayClass on, but no Gateway yet, after the pinned Gateway API CRDs (EKS)", async () => {
        const result = await renderStack("dev", { configFile: onEks("dev") });
        const traefik = chart(result, "traefik");
        const crds = one(result, "kubernetes:yaml/v2:ConfigFile");
        assert.match(String(crds.inputs.file), /^https:\/\/github\.com\/kubernetes-sigs\/gateway-api\/releases\/download\/v\d+\.\d+\.\d+\/standard-install\.yaml$/);
        assert.ok(traefik.dependsOn.includes(ref(crds)), "the chart's GatewayClass needs the CRDs, which the 41.x chart no longer ships");
        const v = values(traefik);
        assert.equal(v.providers.kubernetesGateway.enabled, true);
        assert.equal(v.gateway.enabled, false, "the chart's default Gateway would accept routes from its namespace");
        assert.equal(v.gatewayClass, undefined, "the chart's GatewayClass stays on (its default)");
    });

    test("publishes our Service's address into Ingress and Gateway status, and renders no Service of its own", async () => {
        const result = await renderStack("dev");
        const v = values(chart(result, "traefik"));
        const service = meta(controllerService(result));
        assert.equal(v.service.enabled, false);
        assert.deepEqual(v.providers.kubernetesIngress.publishedService, { enabled: true, pathOverride: `${service.namespace}/${service.name}` });
        const args = traefikGatewayArgs(v);
        assert.ok(args.includes(`--providers.kubernetesgateway.statusaddress.service.name=${service.name}`), args.join(" "));
        assert.ok(args.includes(`--providers.kubernetesgateway.statusaddress.service.namespace=${service.namespace}`), args.join(" "));
    });
});

/**
 * The Gateway provider's arguments the pinned Traefik chart renders from `values` (templates/_podtemplate.tpl: the
 * statusAddress.service flags only `if (and .service.enabled $.Values.service.enabled)`), plus additionalArguments.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function traefikGatewayArgs(v: any): string[] {
    const gateway = v.providers?.kubernetesGateway ?? {};
    const status = gateway.statusAddress ?? {};
    const fromTemplate = gateway.enabled
        ? [
            "--providers.kubernetesgateway",
            ...(status.ip ? [`--providers.kubernetesgateway.statusaddress.ip=${status.ip}`] : []),
            ...(status.hostname ? [`--providers.kubernetesgateway.statusaddress.hostname=${status.hostname}`] : []),
            ...(status.service?.enabled && (v.service?.enabled ?? true)
                ? [`--providers.kubernetesgateway.statusaddress.service.name=${status.service.name}`, `--providers.kubernetesgateway.statusaddress.service.namespace=${status.service.namespace}`]
                : []),
        ]
        : [];
    return [...fromTemplate, ...(v.additionalArguments ?? [])];
}

describe("platform: the controller's LoadBalancer Service", () => {
    test("is a typed Service to the controller pods' web/websecure ports with Local traffic policy", async () => {
        const result = await renderStack("dev");
        const service = controllerService(result);
        const v = values(chart(result, "traefik"));
        const spec = service.inputs.spec as any;
        assert.equal(spec.type, "LoadBalancer");
        assert.equal(spec.externalTrafficPolicy, "Local");
        assert.deepEqual(
            spec.ports.map((p: any) => [p.port, p.targetPort, p.protocol]),
            [[80, "web", "TCP"], [443, "websecure", "TCP"]],
        );
        // The chart names each container port after its entry point (ports.<name>): web and websecure.
        assert.ok(v.ports.web, "the redirect is configured on the entry point port 80 goes to");
        // The chart's selector labels: app.kubernetes.io/name (the chart) and the instance label we pin.
        assert.deepEqual(spec.selector, { "app.kubernetes.io/name": "traefik", "app.kubernetes.io/instance": v.instanceLabelOverride });
        assert.ok(service.dependsOn.includes(ref(namespaceNamed(result, "traefik"))));
        assert.ok(!service.dependsOn.some((d) => d.startsWith(T.chart)), "the address does not wait for the chart");
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
        assert.deepEqual(loadBalancerServiceAnnotations({ cloud: "existing", loadBalancerAddresses: true }), {});
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
    test("comes from the pinned chart v1.21.2 with its CRDs, kept on uninstall, in a restricted namespace", async () => {
        const result = await renderStack("dev");
        const certManager = chart(result, "cert-manager");
        assert.equal(certManager.inputs.version, "v1.21.2");
        assert.deepEqual(certManager.inputs.repositoryOpts, { repo: "https://charts.jetstack.io" });
        assert.equal(certManager.inputs.namespace, "cert-manager");
        const v = values(certManager);
        assert.deepEqual(v.crds, { enabled: true, keep: true });
        for (const [where, container] of [["controller", v], ["webhook", v.webhook], ["cainjector", v.cainjector]]) {
            assertRequestsAndLimits(where, resourcesOf(container));
        }
        const labels = meta(namespaceNamed(result, "cert-manager")).labels ?? {};
        assert.equal(labels["pod-security.kubernetes.io/enforce"], "restricted");
        assert.equal(labels["pod-security.kubernetes.io/enforce-version"], "v1.31");
    });

    test("has no startupapicheck: it is a Helm hook, and Pulumi's helm v4 Chart runs no hooks", async () => {
        assert.deepEqual(values(chart(await renderStack("dev"), "cert-manager")).startupapicheck, { enabled: false });
    });

    test("its webhook listens on a port a private GKE control plane reaches without a firewall rule", async () => {
        // Private GKE control planes reach the nodes on 443 and 10250 only; 443 would need NET_BIND_SERVICE.
        for (const stack of ["dev", "prod"]) {
            assert.equal(values(chart(await renderStack(stack), "cert-manager")).webhook.securePort, 10250, stack);
        }
    });

    test("creates letsencrypt-staging and letsencrypt-prod for HTTP-01 through the traefik class", async () => {
        const result = await renderStack("dev");
        const issuers = ofType(result, T.clusterIssuer);
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
            assert.equal(acme.solvers.length, 1);
            assert.equal(acme.solvers[0].http01.ingress.ingressClassName, "traefik");
        }
        assert.equal(keyNames.size, 2, "each issuer keeps its own ACME account key");
    });

    test("waits for the cert-manager chart (CRDs, webhook and cainjector ready) before creating the issuers", async () => {
        for (const [label, render] of everyCluster) {
            const result = await render();
            const certManager = ref(chart(result, "cert-manager"));
            for (const issuer of ofType(result, T.clusterIssuer)) {
                assert.ok(issuer.dependsOn.includes(certManager), `${label}: ${issuer.name} depends on ${certManager}`);
            }
        }
    });

    test("registers the ACME account without an e-mail when none is configured", async () => {
        for (const issuer of ofType(await certManagerOnly(), T.clusterIssuer)) {
            assert.equal("email" in (issuer.inputs.spec as any).acme, false, issuer.name);
        }
    });
});

describe("platform: switched-off pieces on existing clusters", () => {
    test("without the ingress controller: no chart, namespace or Service of it, and no ingress address", async () => {
        const result = await certManagerOnly();
        assert.equal(chartsOf(result, "traefik").length, 0);
        assert.equal(ofType(result, "kubernetes:core/v1:Namespace").filter((r) => meta(r).name === "traefik").length, 0);
        assert.equal(ofType(result, "kubernetes:core/v1:Service").filter((r) => meta(r).namespace === "traefik").length, 0);
        assert.equal(ofType(result, "webstack:platform:Traefik").length, 0);
        assert.equal(result.outputs.ingressAddress, undefined);
        chart(result, "cert-manager");
        assert.equal(ofType(result, T.clusterIssuer).length, 2);
    });

    test("with both off: the Platform installs nothing", async () => {
        const result = await bare();
        one(result, "webstack:platform:Platform");
        assert.deepEqual(platformResources(result), []);
        assert.equal(ofType(result, T.chart).length, 0);
        assert.equal(ofType(result, T.clusterIssuer).length, 0);
    });
});

describe("platform: wiring", () => {
    test("every Kubernetes resource of the platform uses the cluster's provider and sits under its component", async () => {
        for (const [label, render] of everyCluster) {
            const result = await render();
            const children = platformResources(result);
            const kubernetes = children.filter((r) => r.type.startsWith("kubernetes:"));
            const crds = label.includes("GKE") ? 0 : 1; // GKE owns the Gateway API CRDs
            assert.equal(kubernetes.length, 7 + crds, `${label}: 2 namespaces, 2 charts, ${crds} Gateway API CRDs file, 1 Service, 2 ClusterIssuers`);
            for (const r of kubernetes) {
                assert.equal(r.provider, `pulumi:providers:kubernetes::${stackName(result)}`, `${label}: ${ref(r)}`);
                assert.match(String(r.parent), /^webstack:platform:(Traefik|CertManager)::/, `${label}: ${ref(r)}`);
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
            [T.clusterIssuer]: (data) => new ClusterIssuer(data) as unknown as Validatable,
        };
        for (const [label, render] of [...everyCluster, ["cert-manager only", certManagerOnly] as const]) {
            const objects = platformResources(await render()).filter((r) => r.type.startsWith("kubernetes:") && !r.remote);
            assert.ok(objects.length >= 3, label);
            for (const object of objects) {
                const model = models[object.type];
                assert.ok(model, `${label}: no schema model for ${object.type}`);
                assert.doesNotThrow(() => model(object.inputs).validate(), `${label}: ${ref(object)}`);
            }
        }
    });
});

describe("platform: NetworkPolicies admit the controller's namespace", () => {
    const peerNamespaces = (from: any[] | undefined) =>
        (from ?? []).map((peer) => peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"]).filter(Boolean);

    test("to the Ingress apps and to cert-manager's HTTP-01 solver pods, on their ports", async () => {
        for (const [label, render] of everyCluster) {
            const result = await render();
            const controllerNamespace = chart(result, "traefik").inputs.namespace;
            const policies = ofType(result, "kubernetes:networking.k8s.io/v1:NetworkPolicy");
            const web = policies.find((p) => p.name === "web-server")!.inputs.spec as any;
            assert.deepEqual(peerNamespaces(web.ingress[0].from), [controllerNamespace], `${label}: web-server admits ${controllerNamespace}`);
            const solver = policies.find((p) => meta(p).name === "allow-acme-http01-solver")!.inputs.spec as any;
            assert.deepEqual(solver.podSelector.matchLabels, { "acme.cert-manager.io/http01-solver": "true" }, label);
            assert.deepEqual(peerNamespaces(solver.ingress[0].from), [controllerNamespace], `${label}: solver pods admit ${controllerNamespace}`);
            assert.deepEqual(solver.ingress[0].ports, [{ protocol: "TCP", port: 8089 }], label);
        }
    });
});
