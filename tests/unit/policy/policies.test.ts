import assert from "node:assert/strict";
import Module from "node:module";
import { describe, test } from "node:test";
import type { PolicyConfigSchema, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { RenderResult } from "../../../tools/render/render";
import { maxNodesPerGroup as configMaxNodes } from "../../../infra/cluster/props";
import { ingressNamespace } from "../../../infra/platform/names";
import { policies } from "../../../policy/policies";
import { rules, type ResourceInput, type Rule, type StackFacts } from "../../../policy/rules";
import { exposeAnnotation, ingressControllerServices } from "../../../policy/rules/loadBalancer";
import { maxNodesPerGroup } from "../../../policy/rules/nodeGroups";
import { ancestorsOfUrn, isProd, stackOfUrn } from "../../../policy/stack";
import { checkRender, policyInput, resource, violations } from "../../support/policy";
import { startPolicyPack } from "../../support/policyPack";
import { onEks, renderStack } from "../../support/render";

const dev: StackFacts = { prod: false };
const prod: StackFacts = { prod: true };

const rule = (name: string): Rule => {
    const found = rules.find((r) => r.name === name);
    assert.ok(found, `no rule ${name}`);
    return found;
};

/** Messages of one rule for one resource. */
const check = (name: string, r: ResourceInput, stack: StackFacts = dev) => violations(rule(name), [r], stack);

/** Messages of every rule for some resources. */
const allViolations = (resources: ResourceInput[], stack: StackFacts = dev) => rules.flatMap((r) => violations(r, resources, stack));

// ---- the pack ----------------------------------------------------------------------------------------------

const expectedLevels: Record<string, "mandatory" | "advisory"> = {
    "image-pinned": "mandatory",
    "container-resources": "mandatory",
    "container-probes": "mandatory",
    "run-as-non-root": "mandatory",
    "no-privilege-escalation": "mandatory",
    "read-only-root-filesystem": "mandatory",
    "no-plaintext-secret-env": "mandatory",
    "ingress-tls": "mandatory",
    "load-balancer-opt-in": "mandatory",
    "prod-protected": "mandatory",
    "prod-gke-hardened": "mandatory",
    "prod-eks-hardened": "mandatory",
    "node-group-bounds": "mandatory",
    "autoscaler-owns-replicas": "advisory",
    "disruption-budget": "advisory",
    "network-policy-coverage": "advisory",
    "prod-on-demand-capacity": "advisory",
    "distinct-liveness-probe": "advisory",
    "prod-secrets-encrypted": "mandatory",
    "prod-control-plane-logs": "mandatory",
    "prod-gke-maintenance-window": "mandatory",
    "prod-eks-access-entries": "mandatory",
};
const stackPolicies = ["autoscaler-owns-replicas", "disruption-budget", "network-policy-coverage", "prod-on-demand-capacity", "prod-eks-access-entries"];
const prodAware = [
    "prod-protected", "prod-gke-hardened", "prod-eks-hardened", "prod-on-demand-capacity",
    "prod-secrets-encrypted", "prod-control-plane-logs", "prod-gke-maintenance-window", "prod-eks-access-entries",
];

interface ServedPack {
    name: string;
    args: { enforcementLevel?: string; policies: (ResourceValidationPolicy | StackValidationPolicy)[] };
}

/**
 * Loads policy/index.ts with @pulumi/policy's PolicyPack replaced by a recorder: the real one starts the
 * analyzer's gRPC server and needs the engine.
 */
function loadPack(): ServedPack[] {
    const served: ServedPack[] = [];
    const path = require.resolve("@pulumi/policy");
    const stub = new Module(path);
    stub.exports = { PolicyPack: class { constructor(name: string, args: ServedPack["args"]) { served.push({ name, args }); } } };
    stub.loaded = true;
    const cached = require.cache[path];
    require.cache[path] = stub;
    try {
        require("../../../policy/index");
    } finally {
        if (cached) require.cache[path] = cached;
        else delete require.cache[path];
    }
    return served;
}

describe("policy pack", () => {
    test("policy/index.ts serves one pack, mandatory by default, with every rule at its level", () => {
        const served = loadPack();
        assert.equal(served.length, 1);
        const [{ name, args }] = served;
        assert.equal(name, "webstack");
        assert.equal(args.enforcementLevel, "mandatory");
        assert.equal(args.policies, policies);
        assert.deepEqual(args.policies.map((p) => p.name), Object.keys(expectedLevels));
        assert.deepEqual(rules.map((r) => r.name), Object.keys(expectedLevels));
        for (const policy of args.policies) {
            assert.equal(policy.enforcementLevel, expectedLevels[policy.name], policy.name);
            assert.ok(policy.description.length > 10, policy.name);
            const kind = "validateStack" in policy ? "stack" : "resource";
            assert.equal(kind, stackPolicies.includes(policy.name) ? "stack" : "resource", policy.name);
            const schema = policy.configSchema as PolicyConfigSchema | undefined;
            assert.equal(schema?.properties.prod?.type, prodAware.includes(policy.name) ? "boolean" : undefined, policy.name);
        }
    });

    test("the pack's node-group bound is the config's", () => {
        assert.equal(maxNodesPerGroup, configMaxNodes);
    });

    test("the ingress controller's Service is the one the platform declares", () => {
        assert.ok(ingressControllerServices.some((s) => s.startsWith(`${ingressNamespace}/`)));
    });
});

// ---- how the pack learns about the stack ----------------------------------------------------------------------

describe("stack facts", () => {
    test("the stack and the ancestors come from the URN", () => {
        const urn = "urn:pulumi:dev-demo::webstack::webstack:platform:Traefik$kubernetes:helm.sh/v4:Chart$kubernetes:apps/v1:Deployment::traefik/traefik";
        assert.equal(stackOfUrn(urn), "dev-demo");
        assert.deepEqual(ancestorsOfUrn(urn), ["kubernetes:helm.sh/v4:Chart", "webstack:platform:Traefik"]);
        assert.deepEqual(ancestorsOfUrn("urn:pulumi:prod::webstack::kubernetes:core/v1:Namespace::web"), []);
    });

    test("prod as the program decides it: webstack:prod, else the stack named prod; a policy override wins", () => {
        assert.equal(isProd({ stack: "prod", config: {} }), true);
        assert.equal(isProd({ stack: "dev", config: {} }), false);
        assert.equal(isProd({ stack: "production", config: { "webstack:prod": "true" } }), true);
        assert.equal(isProd({ stack: "prod", config: { "webstack:prod": false } }), false);
        assert.equal(isProd({ stack: "live", config: { "webstack:config:prod": true } }), true);
        assert.equal(isProd({ stack: "prod", config: {}, override: false }), false);
        assert.equal(isProd({ stack: "dev", config: {}, override: true }), true);
    });
});

// ---- the CrossGuard wrappers ----------------------------------------------------------------------------------

const policy = (name: string) => {
    const found = policies.find((p) => p.name === name);
    assert.ok(found, `no policy ${name}`);
    return found;
};

interface Reported {
    message: string;
    urn?: string;
}

/** Runs a resource policy as the analyzer does (props, URN, options, policy config). */
function analyze(name: string, urn: string, props: Record<string, unknown>, options: { protect?: boolean; config?: object } = {}): Reported[] {
    const reported: Reported[] = [];
    const report: ReportViolation = (message, u) => reported.push({ message, urn: u });
    const target = policy(name) as ResourceValidationPolicy;
    const validate = target.validateResource as (args: unknown, report: ReportViolation) => void;
    const parts = urn.split("::");
    validate({
        type: parts[2].split("$").pop(),
        name: parts[3],
        urn,
        props,
        opts: { protect: options.protect ?? false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [] },
        getConfig: () => options.config ?? {},
    }, report);
    return reported;
}

function withProgramConfig<T>(config: Record<string, string> | undefined, run: () => T): T {
    const saved = process.env.PULUMI_CONFIG;
    if (config) process.env.PULUMI_CONFIG = JSON.stringify(config);
    else delete process.env.PULUMI_CONFIG;
    try {
        return run();
    } finally {
        if (saved === undefined) delete process.env.PULUMI_CONFIG;
        else process.env.PULUMI_CONFIG = saved;
    }
}

describe("policies as the engine calls them", () => {
    const claim = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "web-server-data", namespace: "web" } };
    const claimUrn = (stack: string) => `urn:pulumi:${stack}::webstack::webstack:app:WebApp$kubernetes:core/v1:PersistentVolumeClaim::web-server-data`;

    test("prod comes from the URN's stack, the program config (PULUMI_CONFIG) and the policy's prod option", () => {
        withProgramConfig(undefined, () => {
            assert.match(analyze("prod-protected", claimUrn("prod"), claim)[0]?.message ?? "", /PersistentVolumeClaim web\/web-server-data is not protected/);
            assert.deepEqual(analyze("prod-protected", claimUrn("prod"), claim, { protect: true }), []);
            assert.deepEqual(analyze("prod-protected", claimUrn("dev"), claim), []);
            assert.equal(analyze("prod-protected", claimUrn("dev"), claim, { config: { prod: true } }).length, 1);
            assert.deepEqual(analyze("prod-protected", claimUrn("prod"), claim, { config: { prod: false } }), []);
        });
        withProgramConfig({ "webstack:prod": "true" }, () => assert.equal(analyze("prod-protected", claimUrn("live"), claim).length, 1));
        withProgramConfig({ "webstack:prod": "false" }, () => assert.deepEqual(analyze("prod-protected", claimUrn("prod"), claim), []));
    });

    test("objects a Helm chart renders are hardened through its values: pod rules skip them, image pinning does not", () => {
        const chartUrn = "urn:pulumi:dev::webstack::webstack:platform:Traefik$kubernetes:helm.sh/v4:Chart$kubernetes:apps/v1:Deployment::traefik/traefik";
        const loose = deployment({ containers: [{ name: "traefik", image: "docker.io/traefik" }] }).props;
        assert.deepEqual(analyze("container-resources", chartUrn, loose), []);
        assert.deepEqual(analyze("read-only-root-filesystem", chartUrn, loose), []);
        assert.match(analyze("image-pinned", chartUrn, loose)[0]?.message ?? "", /has no tag/);
        const ownUrn = "urn:pulumi:dev::webstack::webstack:app:WebApp$kubernetes:apps/v1:Deployment::web";
        assert.equal(analyze("container-resources", ownUrn, loose).length, 1);
    });

    test("stack policies report each violation against the offending resource's URN", () => {
        const reported: Reported[] = [];
        const web = deployment({}, { name: "web", replicas: 3 });
        const urn = "urn:pulumi:prod::webstack::kubernetes:apps/v1:Deployment::web";
        const validate = (policy("disruption-budget") as StackValidationPolicy).validateStack as (args: unknown, report: ReportViolation) => void;
        validate({
            resources: [{ type: web.type, name: "web", urn, props: web.props, opts: { protect: false, ignoreChanges: [] } }],
            getConfig: () => ({}),
        }, (message, u) => reported.push({ message, urn: u }));
        assert.equal(reported.length, 1);
        assert.equal(reported[0].urn, urn);
        assert.match(reported[0].message, /Deployment web\/web runs several replicas without a PodDisruptionBudget/);
    });
});

// ---- synthetic resources ----------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

/** A container that satisfies every rule; `changes` replace its fields. */
function goodContainer(changes: Obj = {}): Obj {
    return {
        name: "web",
        image: "europe-west1-docker.pkg.dev/acme/webstack/web:0123456789abcdef0123456789abcdef01234567",
        ports: [{ name: "http", containerPort: 8080 }],
        env: [{ name: "DATA_DIR", value: "/data" }, { name: "API_TOKEN", valueFrom: { secretKeyRef: { name: "web-env", key: "API_TOKEN" } } }],
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
        readinessProbe: { httpGet: { path: "/healthz", port: "http" } },
        livenessProbe: { httpGet: { path: "/livez", port: "http" } },
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
        ...changes,
    };
}

const labels = { "app.kubernetes.io/name": "web", "app.kubernetes.io/instance": "test" };

/** A pod spec that satisfies every rule; `changes` replace its fields. */
function goodPod(changes: Obj = {}): Obj {
    return { securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } }, containers: [goodContainer()], ...changes };
}

function deployment(pod: Obj, options: { name?: string; replicas?: number } = {}): ResourceInput {
    const name = options.name ?? "web";
    return resource("kubernetes:apps/v1:Deployment", {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name, namespace: "web", labels },
        spec: { replicas: options.replicas ?? 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: goodPod(pod) } },
    });
}

/** The same pod in every workload kind the rules read. */
function everyWorkload(pod: Obj): ResourceInput[] {
    const template = { metadata: { labels }, spec: goodPod(pod) };
    const meta = (kind: string) => ({ kind, metadata: { name: kind.toLowerCase(), namespace: "web", labels } });
    return [
        resource("kubernetes:core/v1:Pod", { ...meta("Pod"), spec: template.spec }),
        deployment(pod),
        resource("kubernetes:apps/v1:StatefulSet", { ...meta("StatefulSet"), spec: { serviceName: "web", selector: { matchLabels: labels }, template } }),
        resource("kubernetes:apps/v1:DaemonSet", { ...meta("DaemonSet"), spec: { selector: { matchLabels: labels }, template } }),
        resource("kubernetes:batch/v1:Job", { ...meta("Job"), spec: { template } }),
        resource("kubernetes:batch/v1:CronJob", { ...meta("CronJob"), spec: { schedule: "0 * * * *", jobTemplate: { spec: { template } } } }),
    ];
}

const namespacePolicy = resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", {
    kind: "NetworkPolicy",
    metadata: { name: "default-deny", namespace: "web" },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
});

const budget = resource("kubernetes:policy/v1:PodDisruptionBudget", {
    kind: "PodDisruptionBudget",
    metadata: { name: "web", namespace: "web" },
    spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
});

function ingress(changes: { tls?: unknown; rules?: unknown; annotations?: Record<string, string> } = {}): ResourceInput {
    return resource("kubernetes:networking.k8s.io/v1:Ingress", {
        kind: "Ingress",
        metadata: { name: "web", namespace: "web", annotations: changes.annotations ?? { "cert-manager.io/cluster-issuer": "letsencrypt-prod" } },
        spec: {
            ingressClassName: "traefik",
            tls: changes.tls ?? [{ hosts: ["web.example.com"], secretName: "web-tls" }],
            rules: changes.rules ?? [{ host: "web.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }],
        },
    });
}

function service(name: string, namespace: string, type: string, annotations?: Record<string, string>): ResourceInput {
    return resource("kubernetes:core/v1:Service", {
        kind: "Service",
        metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
        spec: { type, selector: labels, ports: [{ port: 80, targetPort: 8080 }] },
    });
}

const gkeCluster = (props: Obj, protect = true) => resource("gcp:container/cluster:Cluster", {
    location: "europe-west1",
    privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: false },
    workloadIdentityConfig: { workloadPool: "acme.svc.id.goog" },
    databaseEncryption: { state: "ENCRYPTED", keyName: "projects/acme/locations/europe-west1/keyRings/r/cryptoKeys/k" },
    loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS", "APISERVER"] },
    maintenancePolicy: { recurringWindow: { startTime: "2025-01-01T03:00:00Z", endTime: "2025-01-01T09:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SA,SU" } },
    ...props,
}, { name: "webstack-prod", protect });

const eksCluster = (props: Obj, protect = true) => resource("eks:index:Cluster", {
    endpointPrivateAccess: true,
    endpointPublicAccess: true,
    createOidcProvider: true,
    encryptionConfigKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k",
    enabledClusterLogTypes: ["api", "audit", "authenticator"],
    ...props,
}, { name: "webstack-prod", protect });

const awsEksCluster = (vpcConfig: Obj, protect = true) => resource("aws:eks/cluster:Cluster", {
    vpcConfig: { subnetIds: ["subnet-1"], endpointPrivateAccess: true, endpointPublicAccess: true, ...vpcConfig },
    encryptionConfig: { provider: { keyArn: "arn:aws:kms:eu-west-1:123456789012:key/k" }, resources: ["secrets"] },
    enabledClusterLogTypes: ["api", "audit", "authenticator"],
}, { name: "webstack-prod-eksCluster", protect });

const deployRole = "arn:aws:iam::123456789012:role/deployer";
const accessEntry = resource("aws:eks/accessEntry:AccessEntry", { clusterName: "webstack-prod", principalArn: deployRole, type: "STANDARD" }, { name: "webstack-prod-admin-0" });
const adminAssociation = (accessScope: Obj) => resource("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", {
    clusterName: "webstack-prod",
    principalArn: deployRole,
    policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
    accessScope,
}, { name: "webstack-prod-admin-0" });

const claim = (protect: boolean) => resource("kubernetes:core/v1:PersistentVolumeClaim", {
    kind: "PersistentVolumeClaim",
    metadata: { name: "web-data", namespace: "web" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
}, { protect });

const nodePool = (autoscaling: Obj | undefined, nodeConfig: Obj = {}) => resource("gcp:container/nodePool:NodePool", {
    cluster: "webstack-prod",
    ...(autoscaling ? { autoscaling } : {}),
    nodeConfig: { machineType: "e2-standard-4", ...nodeConfig },
}, { name: "webstack-prod-general" });

const managedNodeGroup = (scalingConfig: Obj, capacityType = "ON_DEMAND") =>
    resource("eks:index:ManagedNodeGroup", { capacityType, scalingConfig }, { name: "webstack-prod-general" });

describe("compliant synthetic resources", () => {
    test("pass every rule, on dev and on prod", () => {
        const everything = [
            ...everyWorkload({}),
            budget,
            namespacePolicy,
            ingress(),
            service("web", "web", "ClusterIP"),
            service("nginx", "web", "LoadBalancer", { [exposeAnnotation.key]: exposeAnnotation.value }),
            service("traefik", ingressNamespace, "LoadBalancer"),
            gkeCluster({}),
            eksCluster({}),
            awsEksCluster({}),
            accessEntry,
            adminAssociation({ type: "cluster" }),
            claim(true),
            nodePool({ totalMinNodeCount: 1, totalMaxNodeCount: 4 }),
            managedNodeGroup({ minSize: 1, maxSize: 3, desiredSize: 1 }),
        ];
        assert.deepEqual(allViolations(everything, dev), []);
        assert.deepEqual(allViolations(everything, prod), []);
    });
});

describe("broken resources fail with a message naming the resource and the fix", () => {
    test("image tagged latest, untagged, or missing: in every workload kind", () => {
        for (const workload of everyWorkload({ containers: [goodContainer({ image: "nginx:latest" })] })) {
            const [message, ...rest] = check("image-pinned", workload);
            assert.equal(rest.length, 0);
            assert.match(message, new RegExp(`^${String(workload.props.kind)} web/\\w+: container web: image nginx:latest uses the mutable tag latest; pin a version tag`));
        }
        assert.match(check("image-pinned", deployment({ containers: [goodContainer({ image: "nginx" })] }))[0], /image nginx has no tag/);
        assert.match(check("image-pinned", deployment({ containers: [goodContainer({ image: "localhost:5000/web" })] }))[0], /image localhost:5000\/web has no tag/);
        assert.match(check("image-pinned", deployment({ containers: [goodContainer({ image: undefined })] }))[0], /container web: has no image/);
        assert.match(check("image-pinned", deployment({ initContainers: [goodContainer({ name: "migrate", image: "busybox:LATEST" })] }))[0], /init container migrate: image busybox:LATEST uses the mutable tag latest/);
        const digest = `nginx:latest@sha256:${"a".repeat(64)}`;
        assert.deepEqual(check("image-pinned", deployment({ containers: [goodContainer({ image: digest })] })), []);
        assert.deepEqual(check("image-pinned", deployment({ containers: [goodContainer({ image: "localhost:5000/web:1.2.3" })] })), []);
    });

    test("container without limits or requests", () => {
        const [message] = check("container-resources", deployment({ containers: [goodContainer({ resources: { requests: { cpu: "100m", memory: "128Mi" } } })] }));
        assert.equal(message, "Deployment web/web: container web: sets no resources.limits.cpu, resources.limits.memory; declare cpu and memory requests and limits");
        const init = check("container-resources", deployment({ initContainers: [goodContainer({ name: "migrate", resources: undefined })] }));
        assert.match(init[0], /init container migrate: sets no resources.requests.cpu, resources.requests.memory, resources.limits.cpu/);
    });

    test("container without probes; Jobs, CronJobs, init containers and completing Pods need none", () => {
        const noProbes = goodContainer({ readinessProbe: undefined, livenessProbe: undefined });
        const [message] = check("container-probes", deployment({ containers: [noProbes] }));
        assert.equal(message, "Deployment web/web: container web: has no readinessProbe and no livenessProbe; add probes so traffic and restarts follow the app's health");
        assert.match(check("container-probes", deployment({ containers: [goodContainer({ livenessProbe: undefined })] }))[0], /has no livenessProbe;/);
        const probed = everyWorkload({ containers: [noProbes] }).filter((w) => check("container-probes", w).length > 0).map((w) => w.props.kind);
        assert.deepEqual(probed, ["Pod", "Deployment", "StatefulSet", "DaemonSet"]);
        assert.deepEqual(check("container-probes", everyWorkload({ containers: [noProbes], restartPolicy: "Never" })[0]), []);
        assert.deepEqual(check("container-probes", deployment({ initContainers: [goodContainer({ name: "migrate", readinessProbe: undefined, livenessProbe: undefined })] })), []);
        assert.match(check("container-probes", deployment({ initContainers: [{ ...noProbes, name: "proxy", restartPolicy: "Always" }] }))[0], /sidecar container proxy: has no readinessProbe/);
    });

    test("liveness running the same check as readiness (advisory)", () => {
        const same = { httpGet: { path: "/healthz", port: "http" } };
        const [message] = check("distinct-liveness-probe", deployment({ containers: [goodContainer({ livenessProbe: same })] }));
        assert.equal(message, "Deployment web/web: container web: runs the same check for liveness and readiness, so whatever makes it unready also restarts it; give liveness its own path or a TCP connect");
        const tcp = { tcpSocket: { port: 8080 } };
        assert.equal(check("distinct-liveness-probe", deployment({ containers: [goodContainer({ readinessProbe: tcp, livenessProbe: { ...tcp } })] })).length, 1);
        const execProbe = { exec: { command: ["cat", "/tmp/ready"] } };
        assert.equal(check("distinct-liveness-probe", deployment({ containers: [goodContainer({ readinessProbe: execProbe, livenessProbe: { exec: { command: ["cat", "/tmp/ready"] } } })] })).length, 1);
        assert.deepEqual(check("distinct-liveness-probe", deployment({ containers: [goodContainer({ livenessProbe: tcp })] })), [], "HTTP readiness, TCP liveness");
        assert.deepEqual(check("distinct-liveness-probe", deployment({ containers: [goodContainer({ livenessProbe: { httpGet: { path: "/healthz", port: 9090 } } })] })), [], "another port");
        assert.deepEqual(check("distinct-liveness-probe", deployment({ containers: [goodContainer({ livenessProbe: undefined })] })), [], "a missing probe is container-probes' finding");
    });

    test("container that may run as root", () => {
        const [message] = check("run-as-non-root", deployment({ securityContext: {} }));
        assert.equal(message, "Deployment web/web: container web: may run as root; set securityContext.runAsNonRoot: true on the pod or the container");
        const overridden = goodContainer({ securityContext: { ...goodContainer().securityContext as Obj, runAsNonRoot: false } });
        assert.match(check("run-as-non-root", deployment({ containers: [overridden] }))[0], /may run as root/);
        assert.match(check("run-as-non-root", deployment({ securityContext: { runAsNonRoot: true, runAsUser: 0 } }))[0], /runs as uid 0/);
        const containerLevel = goodContainer({ securityContext: { ...goodContainer().securityContext as Obj, runAsNonRoot: true } });
        assert.deepEqual(check("run-as-non-root", deployment({ securityContext: {}, containers: [containerLevel] })), []);
    });

    test("container that may escalate privileges, or is privileged", () => {
        const [message] = check("no-privilege-escalation", deployment({ containers: [goodContainer({ securityContext: { readOnlyRootFilesystem: true } })] }));
        assert.equal(message, "Deployment web/web: container web: may escalate privileges; set securityContext.allowPrivilegeEscalation: false");
        const privileged = goodContainer({ securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: true } });
        assert.match(check("no-privilege-escalation", deployment({ containers: [privileged] }))[0], /container web: is privileged; remove securityContext.privileged/);
    });

    test("container with a writable root filesystem", () => {
        const [message] = check("read-only-root-filesystem", deployment({ containers: [goodContainer({ securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: false } })] }));
        assert.equal(message, "Deployment web/web: container web: has a writable root filesystem; set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it writes");
    });

    test("secret-looking environment variable with a literal value", () => {
        const env = [{ name: "API_TOKEN", value: "hunter2" }, { name: "db_password", value: "x" }, { name: "TOKEN_TTL", value: "3600" }, { name: "STRIPE_APIKEY", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }];
        const messages = check("no-plaintext-secret-env", deployment({ containers: [goodContainer({ env })] }));
        assert.deepEqual(messages, [
            "Deployment web/web: container web: env API_TOKEN has a literal value; take it from a Secret (valueFrom.secretKeyRef, fed by pulumi config set --secret)",
            "Deployment web/web: container web: env db_password has a literal value; take it from a Secret (valueFrom.secretKeyRef, fed by pulumi config set --secret)",
        ]);
    });

    test("Ingress without TLS, with uncovered hosts, or without an issuer", () => {
        assert.deepEqual(check("ingress-tls", ingress({ tls: [] })), ["Ingress web/web has no spec.tls; add a tls entry with the rules' hosts and a secretName"]);
        assert.deepEqual(check("ingress-tls", ingress({ annotations: {} })), [
            "Ingress web/web has no cert-manager.io/cluster-issuer or cert-manager.io/issuer annotation; name the issuer that signs its certificate",
        ]);
        assert.deepEqual(check("ingress-tls", ingress({ annotations: { "cert-manager.io/issuer": "local-ca" } })), []);
        const twoHosts = [{ host: "web.example.com" }, { host: "api.example.com" }];
        assert.deepEqual(check("ingress-tls", ingress({ rules: twoHosts })), ["Ingress web/web serves host api.example.com outside spec.tls; add it to a tls entry's hosts"]);
        assert.deepEqual(check("ingress-tls", ingress({ rules: twoHosts, tls: [{ hosts: ["*.example.com"], secretName: "wild" }] })), []);
        assert.match(check("ingress-tls", ingress({ rules: [{ host: "a.b.example.com" }], tls: [{ hosts: ["*.example.com"], secretName: "wild" }] }))[0], /serves host a.b.example.com outside spec.tls/);
        assert.match(check("ingress-tls", ingress({ rules: [{ http: {} }] }))[0], /serves requests without a host/);
        assert.match(check("ingress-tls", ingress({ tls: [{ hosts: ["web.example.com"] }] }))[0], /tls entry without secretName/);
    });

    test("stray LoadBalancer Service", () => {
        assert.deepEqual(check("load-balancer-opt-in", service("web", "web", "LoadBalancer")), [
            "Service web/web is type LoadBalancer without asking for one (each costs a public load balancer): serve it through the Ingress with type ClusterIP, " +
            "or set expose: loadBalancer on the app (annotation webstack.dev/expose: loadBalancer)",
        ]);
        assert.equal(check("load-balancer-opt-in", service("web", "web", "LoadBalancer", { [exposeAnnotation.key]: "true" })).length, 1);
        assert.equal(check("load-balancer-opt-in", service("traefik", "default", "LoadBalancer")).length, 1);
        assert.deepEqual(check("load-balancer-opt-in", service("web", "web", "NodePort")), []);
    });

    test("unprotected prod PVC and clusters; dev may leave them unprotected", () => {
        for (const unprotected of [claim(false), gkeCluster({}, false), eksCluster({}, false), awsEksCluster({}, false)]) {
            const [message] = check("prod-protected", unprotected, prod);
            assert.match(message ?? "", /is not protected on a prod stack; set the resource option protect: true/, unprotected.type);
            assert.deepEqual(check("prod-protected", unprotected, dev), []);
        }
        assert.equal(check("prod-protected", claim(false), prod)[0], "PersistentVolumeClaim web/web-data is not protected on a prod stack; set the resource option protect: true so no destroy or rename deletes it");
        assert.match(check("prod-protected", gkeCluster({}, false), prod)[0], /^gcp:container\/cluster:Cluster webstack-prod is not protected/);
    });

    test("prod GKE without private nodes or Workload Identity", () => {
        assert.deepEqual(check("prod-gke-hardened", gkeCluster({ privateClusterConfig: undefined, workloadIdentityConfig: undefined }), prod), [
            "gcp:container/cluster:Cluster webstack-prod gives nodes public IPs on a prod stack; set privateClusterConfig.enablePrivateNodes: true",
            "gcp:container/cluster:Cluster webstack-prod has no Workload Identity on a prod stack; set workloadIdentityConfig.workloadPool to <project>.svc.id.goog",
        ]);
        assert.equal(check("prod-gke-hardened", gkeCluster({ privateClusterConfig: { enablePrivateNodes: false } }), prod).length, 1);
        assert.deepEqual(check("prod-gke-hardened", gkeCluster({ privateClusterConfig: undefined }), dev), []);
    });

    test("prod EKS with a public-only endpoint or without an OIDC provider", () => {
        assert.deepEqual(check("prod-eks-hardened", eksCluster({ endpointPrivateAccess: false, createOidcProvider: undefined }), prod), [
            "eks:index:Cluster webstack-prod has no private API endpoint on a prod stack; set endpointPrivateAccess: true",
            "eks:index:Cluster webstack-prod has no OIDC provider, so no IAM roles for service accounts, on a prod stack; set createOidcProvider: true",
        ]);
        assert.deepEqual(check("prod-eks-hardened", awsEksCluster({ endpointPrivateAccess: false }), prod), [
            "aws:eks/cluster:Cluster webstack-prod-eksCluster has no private API endpoint on a prod stack; set vpcConfig.endpointPrivateAccess: true",
        ]);
        assert.deepEqual(check("prod-eks-hardened", eksCluster({ endpointPrivateAccess: false }), dev), []);
    });

    test("prod clusters without Secrets encryption, control-plane logs or (GKE) a maintenance window", () => {
        assert.deepEqual(check("prod-secrets-encrypted", gkeCluster({ databaseEncryption: { state: "DECRYPTED" } }), prod), [
            "gcp:container/cluster:Cluster webstack-prod stores Secrets without envelope encryption on a prod stack; set databaseEncryption: {state: ENCRYPTED, keyName: <Cloud KMS key>}",
        ]);
        assert.match(check("prod-secrets-encrypted", eksCluster({ encryptionConfigKeyArn: undefined }), prod)[0], /^eks:index:Cluster webstack-prod stores Secrets without envelope encryption/);
        assert.equal(check("prod-secrets-encrypted", awsEksCluster({}), prod).length, 0);
        assert.deepEqual(check("prod-secrets-encrypted", eksCluster({ encryptionConfigKeyArn: undefined }), dev), []);
        assert.deepEqual(check("prod-control-plane-logs", eksCluster({ enabledClusterLogTypes: ["api"] }), prod), [
            "eks:index:Cluster webstack-prod sends no audit, authenticator logs on a prod stack; add them to enabledClusterLogTypes",
        ]);
        assert.match(check("prod-control-plane-logs", gkeCluster({ loggingConfig: { enableComponents: ["SYSTEM_COMPONENTS"] } }), prod)[0], /sends no APISERVER logs/);
        assert.deepEqual(check("prod-control-plane-logs", eksCluster({ enabledClusterLogTypes: [] }), dev), []);
        assert.deepEqual(check("prod-gke-maintenance-window", gkeCluster({ maintenancePolicy: undefined }), prod), [
            "gcp:container/cluster:Cluster webstack-prod has no maintenance window on a prod stack; set maintenancePolicy.recurringWindow",
        ]);
    });

    test("a prod EKS cluster no declared identity administers", () => {
        const messages = (resources: ResourceInput[]) => violations(rule("prod-eks-access-entries"), resources, prod);
        assert.deepEqual(messages([eksCluster({}), accessEntry, adminAssociation({ type: "cluster" })]), []);
        assert.deepEqual(messages([eksCluster({})]), [
            "eks:index:Cluster webstack-prod has no access entry with AmazonEKSClusterAdminPolicy on a prod stack; only its creator can reach the API (set webstack:cluster.admins to the deploy role)",
        ]);
        assert.equal(messages([eksCluster({}), accessEntry, adminAssociation({ type: "namespace", namespaces: ["web"] })]).length, 1);
        assert.equal(messages([eksCluster({}), adminAssociation({ type: "cluster" })]).length, 1, "an association without its entry grants nothing");
        assert.deepEqual(violations(rule("prod-eks-access-entries"), [eksCluster({})], dev), []);
    });

    test("node groups with min above max, no bound, or a max of 1000", () => {
        assert.deepEqual(check("node-group-bounds", nodePool({ totalMinNodeCount: 5, totalMaxNodeCount: 3 })), [
            "gcp:container/nodePool:NodePool webstack-prod-general has a minimum of 5 nodes above its maximum of 3; make the minimum at most the maximum",
        ]);
        assert.deepEqual(check("node-group-bounds", nodePool({ minNodeCount: 0, maxNodeCount: 1000 })), [
            "gcp:container/nodePool:NodePool webstack-prod-general may grow to 1000 nodes; lower autoscaling.maxNodeCount to at most 100",
        ]);
        assert.match(check("node-group-bounds", nodePool({ minNodeCount: 1 }))[0], /has no upper bound; set autoscaling.maxNodeCount/);
        assert.deepEqual(check("node-group-bounds", managedNodeGroup({ minSize: 4, maxSize: 1000, desiredSize: 4 })), [
            "eks:index:ManagedNodeGroup webstack-prod-general may grow to 1000 nodes; lower scalingConfig.maxSize to at most 100",
        ]);
        assert.match(check("node-group-bounds", resource("aws:eks/nodeGroup:NodeGroup", { scalingConfig: { minSize: 3, maxSize: 2, desiredSize: 2 } }))[0], /minimum of 3 nodes above its maximum of 2/);
        assert.deepEqual(check("node-group-bounds", nodePool(undefined)), []);
        assert.match(check("node-group-bounds", resource("gcp:container/nodePool:NodePool", { nodeCount: 500 }))[0], /lower nodeCount/);
    });
});

describe("advisory stack rules", () => {
    const autoscaler = resource("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", {
        kind: "HorizontalPodAutoscaler",
        metadata: { name: "web", namespace: "web" },
        spec: { minReplicas: 2, maxReplicas: 6, scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" } },
    });

    test("an autoscaled Deployment that pulumi would scale back", () => {
        const web = deployment({});
        assert.deepEqual(violations(rule("autoscaler-owns-replicas"), [web, autoscaler], dev), [
            "Deployment web/web is scaled by HorizontalPodAutoscaler web/web but pulumi manages spec.replicas; add ignoreChanges: [\"spec.replicas\"] so each pulumi up does not reset the autoscaler's count",
        ]);
        assert.deepEqual(violations(rule("autoscaler-owns-replicas"), [{ ...web, ignoreChanges: ["spec.replicas"] }, autoscaler], dev), []);
    });

    test("several replicas without a PodDisruptionBudget (the autoscaler's minimum counts; volume-pinned pods are exempt)", () => {
        assert.equal(violations(rule("disruption-budget"), [deployment({}, { replicas: 2 })], dev).length, 1);
        assert.equal(violations(rule("disruption-budget"), [deployment({}, { replicas: 1 }), autoscaler], dev).length, 1);
        assert.deepEqual(violations(rule("disruption-budget"), [deployment({}, { replicas: 2 }), budget], dev), []);
        const pinned = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: labels }, topologyKey: "kubernetes.io/hostname" }] } };
        assert.deepEqual(violations(rule("disruption-budget"), [deployment({ affinity: pinned }, { replicas: 2 })], dev), []);
    });

    test("a workload no NetworkPolicy selects", () => {
        assert.deepEqual(violations(rule("network-policy-coverage"), [deployment({})], dev), [
            "Deployment web/web is selected by no NetworkPolicy, so anything in the cluster may reach it; add a default-deny NetworkPolicy to namespace web and allow what it serves",
        ]);
        const otherApp = { ...namespacePolicy, props: { ...namespacePolicy.props, spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": "other" } } } } };
        assert.equal(violations(rule("network-policy-coverage"), [deployment({}), otherApp], dev).length, 1);
    });

    test("prod on spot capacity only; dev may be spot-only", () => {
        const spotOnly = [nodePool({ totalMaxNodeCount: 3 }, { spot: true }), managedNodeGroup({ minSize: 1, maxSize: 3 }, "SPOT")];
        assert.match(violations(rule("prod-on-demand-capacity"), spotOnly, prod)[0] ?? "", /every node group \(webstack-prod-general, webstack-prod-general\) runs on spot capacity on a prod stack/);
        assert.deepEqual(violations(rule("prod-on-demand-capacity"), spotOnly, dev), []);
        assert.deepEqual(violations(rule("prod-on-demand-capacity"), [...spotOnly, managedNodeGroup({ minSize: 1, maxSize: 3 })], prod), []);
    });
});

describe("the pack as pulumi runs it", () => {
    test("boots from policy/ through run-policy-pack and answers the engine's analyzer calls", { timeout: 120_000 }, async () => {
        // Stack "live" is prod through its config only, as `webstack:prod: true` in Pulumi.live.yaml would make it.
        // Started here, not while the files load: a server left running by a filtered-out test would hold the runner.
        const pack = await startPolicyPack({ PULUMI_CONFIG: JSON.stringify({ "webstack:prod": "true" }) });
        try {
            const info = await pack.info();
            assert.equal(info.name, "webstack");
            assert.deepEqual(info.policies, Object.fromEntries(Object.entries(expectedLevels).map(([name, level]) => [name, level === "mandatory" ? 1 : 0])));

            const latest = deployment({ containers: [goodContainer({ image: "nginx:latest" })] });
            const found = await pack.analyze({ type: latest.type, urn: "urn:pulumi:live::webstack::webstack:app:WebApp$kubernetes:apps/v1:Deployment::web", props: latest.props });
            assert.deepEqual(found.map((d) => [d.policy, d.enforcementLevel]), [["image-pinned", 1]]);
            assert.match(found[0].message, /Deployment web\/web: container web: image nginx:latest uses the mutable tag latest/);

            const data = claim(false);
            const claimUrn = "urn:pulumi:live::webstack::kubernetes:core/v1:PersistentVolumeClaim::web-data";
            assert.deepEqual((await pack.analyze({ type: data.type, urn: claimUrn, props: data.props })).map((d) => d.policy), ["prod-protected"]);
            assert.deepEqual(await pack.analyze({ type: data.type, urn: claimUrn, props: data.props, protect: true }), []);

            const replicated = deployment({}, { replicas: 3 });
            const workloadUrn = "urn:pulumi:live::webstack::kubernetes:apps/v1:Deployment::web";
            const stackFound = await pack.analyzeStack([{ type: replicated.type, urn: workloadUrn, props: replicated.props }]);
            assert.deepEqual(stackFound.map((d) => [d.policy, d.enforcementLevel, d.urn]), [
                ["disruption-budget", 0, workloadUrn],
                ["network-policy-coverage", 0, workloadUrn],
            ]);
        } finally {
            pack.stop();
        }
    });
});

// ---- the stacks this repository renders -----------------------------------------------------------------------

const onAws = (stack: string, spot: boolean) =>
    onEks(stack, {
        nodeGroups: [{ name: "general", machineType: "t3.medium", minNodes: 1, maxNodes: 3, spot }],
        ...(stack === "prod" ? { deployerNetworks: ["198.51.100.0/28"], admins: ["arn:aws:iam::123456789012:role/deployer"] } : {}),
    });

const stacks: Record<string, () => Promise<RenderResult>> = {
    dev: () => renderStack("dev"),
    prod: () => renderStack("prod"),
    "dev on EKS": () => renderStack("dev", { configFile: onAws("dev", true) }),
    "prod on EKS": () => renderStack("prod", { configFile: onAws("prod", false) }),
    "tenant dev-demo": () => renderStack("dev-demo"),
    "tenant pr-42": () => renderStack("pr-42"),
};

const findingsText = (result: RenderResult) => checkRender(result).map((f) => `[${f.enforcementLevel}] ${f.rule}: ${f.message}`);

describe("every rule passes on every stack's render", () => {
    for (const [label, render] of Object.entries(stacks)) {
        test(label, async () => {
            const result = await render();
            const workloads = result.resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment");
            assert.ok(workloads.length > 0, "the render declares Deployments for the pod rules to check");
            assert.deepEqual(findingsText(result), []);
        });
    }
});

describe("the rules read real renders, not just synthetic shapes", () => {
    /** The render's resources as rule inputs, with one of them changed. */
    const inputsWith = (result: RenderResult, type: string, change: (r: ResourceInput) => ResourceInput) =>
        result.resources.map((r) => policyInput(r, result.resources)).map((r) => (r.type === type ? change(r) : r));

    test("a latest tag on the rendered Deployments fails image-pinned", async () => {
        const result = await stacks.dev();
        const broken = inputsWith(result, "kubernetes:apps/v1:Deployment", (r) => {
            const props = structuredClone(r.props) as { spec: { template: { spec: { containers: { image: string }[] } } } };
            props.spec.template.spec.containers[0].image = "nginx:latest";
            return { ...r, props };
        });
        const messages = violations(rule("image-pinned"), broken, dev);
        assert.equal(messages.length, result.resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment").length);
        assert.match(messages[0], /^Deployment web\/[\w-]+: container [\w-]+: image nginx:latest uses the mutable tag latest/);
    });

    for (const [label, type] of [["prod", "gcp:container/cluster:Cluster"], ["prod on EKS", "eks:index:Cluster"], ["prod", "kubernetes:core/v1:PersistentVolumeClaim"]] as const) {
        test(`${label}: dropping protect from the rendered ${type} fails prod-protected`, async () => {
            const result = await stacks[label]();
            const broken = inputsWith(result, type, (r) => ({ ...r, protect: false }));
            assert.equal(violations(rule("prod-protected"), broken, prod).length, 1);
        });
    }

    test("prod on EKS: the rendered cluster's IRSA and private endpoint are what prod-eks-hardened reads", async () => {
        const result = await stacks["prod on EKS"]();
        const broken = inputsWith(result, "eks:index:Cluster", (r) => ({ ...r, props: { ...r.props, createOidcProvider: false, endpointPrivateAccess: false } }));
        assert.equal(violations(rule("prod-eks-hardened"), broken, prod).length, 2);
    });

    test("prod: the rendered clusters' key, logs and maintenance window are what the hardening rules read", async () => {
        for (const [label, type] of [["prod", "gcp:container/cluster:Cluster"], ["prod on EKS", "eks:index:Cluster"]] as const) {
            const result = await stacks[label]();
            const strip = (keys: string[]) => inputsWith(result, type, (r) => ({ ...r, props: Object.fromEntries(Object.entries(r.props).filter(([k]) => !keys.includes(k))) }));
            assert.equal(violations(rule("prod-secrets-encrypted"), strip(["databaseEncryption", "encryptionConfigKeyArn"]), prod).length, 1, label);
            assert.equal(violations(rule("prod-control-plane-logs"), strip(["loggingConfig", "enabledClusterLogTypes"]), prod).length, 1, label);
            assert.equal(violations(rule("prod-gke-maintenance-window"), strip(["maintenancePolicy"]), prod).length, type === "gcp:container/cluster:Cluster" ? 1 : 0, label);
        }
    });

    test("prod on EKS: without the admin access policy association, prod-eks-access-entries fails", async () => {
        const result = await stacks["prod on EKS"]();
        const all = result.resources.map((r) => policyInput(r, result.resources));
        assert.deepEqual(violations(rule("prod-eks-access-entries"), all, prod), []);
        const withoutAdmin = all.filter((r) => r.type !== "aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
        assert.match(violations(rule("prod-eks-access-entries"), withoutAdmin, prod)[0], /no access entry with AmazonEKSClusterAdminPolicy on a prod stack/);
        const namespaced = inputsWith(result, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation", (r) => ({ ...r, props: { ...r.props, accessScope: { type: "namespace", namespaces: ["web"] } } }));
        assert.equal(violations(rule("prod-eks-access-entries"), namespaced, prod).length, 1, "a namespaced grant is no cluster admin");
        assert.deepEqual(violations(rule("prod-eks-access-entries"), withoutAdmin, dev), []);
    });
});
