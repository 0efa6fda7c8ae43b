import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { stringify } from "yaml";
import { RunError } from "@pulumi/pulumi/errors";
import { ConfigError } from "../../../../infra/config/errors";
import { parseStackConfig, type ParsedConfig } from "../../../../infra/config/parse";
import { offlineSecretPlaceholder, readStackConfig } from "../../../../tools/render/stackConfig";
import { projectDir } from "../../../../infra/config/project";
import { awsAccess, eksDeployer, stackFileConfig } from "../../../support/render";

/** The `config:` block of a stack file; `any` keeps the deliberate faults below short to write. */
type StackFile = Record<string, any>;

const scratch = mkdtempSync(join(tmpdir(), "webstack-config-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let files = 0;

/** The flat map and secret keys the engine hands the program for a stack file's `config:` block. */
function engineView(config: StackFile, stack: string): { config: Record<string, string>; secretKeys: string[] } {
    const file = join(scratch, `Pulumi.case${files++}.yaml`);
    writeFileSync(file, stringify({ config }));
    return readStackConfig({ projectDir, stack, configFile: file });
}

function parse(config: StackFile, stack: string): ParsedConfig {
    const view = engineView(config, stack);
    return parseStackConfig(view.config, { stack, isSecret: (key) => view.secretKeys.includes(key) });
}

/** The ConfigError a config must raise. */
function configError(config: StackFile, stack: string): ConfigError {
    try {
        parse(config, stack);
    } catch (err) {
        if (err instanceof ConfigError) return err;
        throw err;
    }
    assert.fail(`stack ${stack}: expected a ConfigError, the config was accepted`);
}

/** Asserts one problem names `key` (as its full path) and contains every fragment; returns that problem. */
function assertProblem(problems: string[], key: string, ...fragments: string[]): string {
    const hit = problems.find((p) => p.startsWith(`${key}: `));
    assert.ok(hit, `no problem names ${key}; got:\n  ${problems.join("\n  ")}`);
    for (const fragment of fragments) assert.ok(hit.includes(fragment), `problem for ${key} lacks ${JSON.stringify(fragment)}: ${hit}`);
    return hit;
}

/** The "(got …)" suffix a problem shows for an offending value. */
const got = (value: unknown) => `(got ${JSON.stringify(value)})`;

const secure = { secure: "v1:dGVzdA==:Y2lwaGVydGV4dA==" };

const bases = {
    dev: () => structuredClone(stackFileConfig("dev")) as StackFile,
    prod: () => structuredClone(stackFileConfig("prod")) as StackFile,
    existing: (): StackFile => ({
        "webstack:cloud": "existing",
        "webstack:kubeconfig": secure,
        "webstack:kubeContext": undefined,
        "webstack:apps": { nginx: { image: "nginxinc/nginx-unprivileged", tag: "1.27.4-alpine", expose: "loadBalancer" } },
    }),
    tenant: (): StackFile => ({
        "webstack:domain": "dev.example.com",
        "webstack:apps": { nginx: { image: "nginxinc/nginx-unprivileged", tag: "1.27.4-alpine", expose: "ingress", host: "nginx.dev.example.com" } },
    }),
};

describe("valid stack configs", () => {
    test("dev stack file as the engine passes it: GKE, not prod, defaults filled", () => {
        const view = readStackConfig({ projectDir, stack: "dev" });
        assert.deepEqual(view.secretKeys, ["webstack:webServerToken"]);
        const config = parseStackConfig(view.config, { stack: "dev", isSecret: (k) => view.secretKeys.includes(k) });
        assert.equal(config.cloud, "gcp");
        assert.equal(config.prod, false);
        assert.equal(config.tenantStack, false);
        assert.equal(config.cluster?.privateNodes, true);
        assert.deepEqual(config.cluster?.authorizedNetworks, []);
        assert.deepEqual(config.cluster?.nodeGroups, [{ name: "general", machineType: "e2-standard-2", minNodes: 1, maxNodes: 3, spot: true, diskSizeGb: 50 }]);
        assert.deepEqual(config.platform, { ingressController: true, certManager: true });
        assert.equal(config.allowDirty, false);
        const web = config.apps["web-server"];
        assert.equal(web.namespace, "web");
        assert.deepEqual(web.secretEnv, { API_TOKEN: "webServerToken" });
        assert.deepEqual(web.volume, { size: "1Gi", mountPath: "/data", accessMode: "ReadWriteOnce" });
        assert.deepEqual(config.apps.nginx.resources, { requests: { cpu: "100m", memory: "128Mi", ephemeralStorage: "64Mi" }, limits: { cpu: "500m", memory: "256Mi", ephemeralStorage: "256Mi" } });
        // The secret stays out of the typed config: it is read with requireSecret where it is used.
        assert.ok(!JSON.stringify(config).includes(offlineSecretPlaceholder));
    });

    test("prod stack file: prod by name, on-demand group defaults to spot false, autoscale default target", () => {
        const view = readStackConfig({ projectDir, stack: "prod" });
        const config = parseStackConfig(view.config, { stack: "prod", isSecret: (k) => view.secretKeys.includes(k) });
        assert.equal(config.prod, true);
        assert.deepEqual(config.cluster?.authorizedNetworks, ["203.0.113.0/24"]);
        assert.deepEqual(config.cluster?.nodeGroups.map((g) => [g.name, g.spot, g.diskSizeGb]), [["general", false, 50], ["burst", true, 50]]);
        assert.deepEqual(config.apps["web-server"].autoscale, { min: 2, max: 6, cpuPercent: 70 });
    });

    test("a minimal app gets every default", () => {
        const config = parse({ ...bases.existing(), "webstack:apps": { site: { image: "nginxinc/nginx-unprivileged", tag: "1.27.4" } } }, "local");
        assert.deepEqual(config.apps.site, {
            namespace: "web",
            image: "nginxinc/nginx-unprivileged",
            tag: "1.27.4",
            port: 8080,
            portName: "http",
            servicePort: 80,
            securityContext: {},
            spot: false,
            replicas: 1,
            resources: { requests: { cpu: "100m", memory: "128Mi", ephemeralStorage: "64Mi" }, limits: { cpu: "500m", memory: "256Mi", ephemeralStorage: "256Mi" } },
            env: {},
            secretEnv: {},
            expose: "internal",
            probes: { type: "http", path: "/" },
            egress: [],
            cachePaths: [],
            forceLoadBalancer: false,
        });
    });

    test("existing cluster: secret kubeconfig, platform pieces may be switched off", () => {
        const file = bases.existing();
        file["webstack:platform"] = { certManager: false };
        file["webstack:existing"] = { loadBalancerAddresses: true, storageClass: "standard" };
        file["webstack:apps"].nginx = { ...file["webstack:apps"].nginx, expose: "ingress", host: "nginx.local.example.com" };
        const config = parse(file, "local");
        assert.equal(config.cloud, "existing");
        assert.equal(config.cluster, undefined);
        assert.equal(config.kubeconfig, offlineSecretPlaceholder);
        assert.deepEqual(config.platform, { ingressController: true, certManager: false });
        assert.deepEqual(config.existing, { loadBalancerAddresses: true, storageClass: "standard", developers: [] });
        assert.equal(config.acmeEmail, undefined, "no ACME e-mail is needed without cert-manager");
    });

    test("EKS cluster with matching aws:region and AWS zones", () => {
        const file = bases.dev();
        file["webstack:cloud"] = "aws";
        file["aws:region"] = "eu-west-1";
        file["webstack:access"] = awsAccess("dev");
        file["webstack:cluster"] = {
            region: "eu-west-1",
            zones: ["eu-west-1a", "eu-west-1b"],
            nodeGroups: [{ name: "general", machineType: "t3.medium", minNodes: 1, maxNodes: 3 }],
            admins: [eksDeployer],
        };
        const config = parse(file, "dev");
        assert.equal(config.cloud, "aws");
        assert.deepEqual(config.cluster?.zones, ["eu-west-1a", "eu-west-1b"]);
    });

    for (const stack of ["dev-alice", "pr-42"]) {
        test(`tenant stack ${stack}: no cluster source needed, domain given`, () => {
            const config = parse(bases.tenant(), stack);
            assert.equal(config.tenantStack, true);
            assert.equal(config.prod, false);
            assert.equal(config.cloud, undefined);
            assert.equal(config.domain, "dev.example.com");
            assert.equal(config.tenant.quota.loadBalancers, 0);
            assert.equal(config.tenant.containerDefaults.limitsMemory, "256Mi");
        });
    }

    test("webstack:sharedCluster makes any stack name a tenant stack", () => {
        const config = parse({ ...bases.tenant(), "webstack:sharedCluster": "acme/webstack/dev" }, "feature-x");
        assert.equal(config.tenantStack, true);
    });

    test("a tenant app may force a load balancer when the shared stack's tenant quota admits one", () => {
        // A project whose shared stack (dev) admits one load balancer per tenant namespace.
        const dir = mkdtempSync(join(tmpdir(), "webstack-shared-"));
        writeFileSync(join(dir, "Pulumi.yaml"), "name: webstack\n");
        writeFileSync(join(dir, "Pulumi.dev.yaml"), stringify({ config: { ...bases.dev(), "webstack:tenant": { quota: { loadBalancers: 1 } } } }));
        const own = { ...bases.tenant(), "webstack:apps": { nginx: { image: "nginxinc/nginx-unprivileged", tag: "1.27.4-alpine", expose: "loadBalancer", forceLoadBalancer: true } } };
        const view = engineView(own, "dev-alice");
        const config = parseStackConfig(view.config, { stack: "dev-alice", projectDir: dir, isSecret: (key) => view.secretKeys.includes(key) });
        assert.equal(config.apps.nginx.forceLoadBalancer, true);
        assert.equal(config.tenant.quota.loadBalancers, 1);
    });

    test("a tenant stack may bring its own identity's kubeconfig, as a secret", () => {
        const config = parse({ ...bases.tenant(), "webstack:kubeconfig": secure }, "pr-42");
        assert.equal(config.kubeconfig, offlineSecretPlaceholder);
    });

    test("webstack:prod takes the engine's string booleans both ways", () => {
        assert.equal(parse({ ...bases.prod(), "webstack:prod": false }, "prod").prod, false);
        const staging = bases.prod();
        staging["webstack:prod"] = true;
        assert.equal(parse(staging, "staging").prod, true);
    });
});

interface InvalidCase {
    name: string;
    base: keyof typeof bases;
    /** Stack name; default the base's name (dev-alice for tenant, local for existing). */
    stack?: string;
    /** The deliberate fault. */
    fault(config: StackFile): void;
    /** Full key path the problem must name. */
    key: string;
    /** Fragments the problem must contain: the offending value (as shown) and the gist of the message. */
    says: string[];
    /** A value that must never appear in the message (a secret). */
    hidden?: string;
}

const stackOf = (c: InvalidCase) => c.stack ?? ({ dev: "dev", prod: "prod", existing: "local", tenant: "dev-alice" } as const)[c.base];
const group = (c: StackFile, i = 0) => c["webstack:cluster"].nodeGroups[i];
const secondGroup = (c: StackFile) => c["webstack:cluster"].nodeGroups.push({ name: "burst", machineType: "e2-standard-4", minNodes: 0, maxNodes: 5 });
const nginx = (c: StackFile) => c["webstack:apps"].nginx;
const webServer = (c: StackFile) => c["webstack:apps"]["web-server"];

const invalid: InvalidCase[] = [
    { name: "DNS provider of another cloud", base: "dev", fault: (c) => (c["webstack:dns"] = { provider: "route53", zone: "Z0123456789ABC" }), key: "webstack:dns.provider", says: ["needs cloud aws (cloud is gcp)", "use cloud-dns", got("route53")] },
    {
        name: "DNS on an adopted cluster, which has no cloud identity to give",
        base: "existing",
        fault: (c) => Object.assign(c, { "webstack:dns": { provider: "cloud-dns", zone: "example-com" }, "webstack:domain": "example.com" }),
        key: "webstack:dns.provider",
        says: ["cloud is existing", got("cloud-dns")],
    },
    { name: "Cloud DNS zone that is not a managed zone name", base: "dev", fault: (c) => (c["webstack:dns"] = { provider: "cloud-dns", zone: "dev.example.com" }), key: "webstack:dns.zone", says: ["Cloud DNS managed zone name", got("dev.example.com")] },
    { name: "unknown DNS provider", base: "dev", fault: (c) => (c["webstack:dns"] = { provider: "cloudflare", zone: "x" }), key: "webstack:dns.provider", says: [got("cloudflare")] },
    {
        name: "DNS without the domain its records go under",
        base: "dev",
        fault: (c) => {
            c["webstack:dns"] = { provider: "cloud-dns", zone: "dev-example-com" };
            delete c["webstack:domain"];
        },
        key: "webstack:domain",
        says: ["is required with webstack:dns"],
    },
    { name: "DNS on a tenant stack, served by the shared cluster's external-dns", base: "tenant", fault: (c) => (c["webstack:dns"] = { provider: "cloud-dns", zone: "dev-example-com" }), key: "webstack:dns", says: ["is not used by tenant stacks"] },
    { name: "unknown top-level key, with a did-you-mean", base: "dev", fault: (c) => (c["webstack:domian"] = "dev.example.com"), key: "webstack:domian", says: ["did you mean webstack:domain?", got("dev.example.com")] },
    { name: "unknown nested key", base: "dev", fault: (c) => (group(c).maxNode = 3), key: "webstack:cluster.nodeGroups[0].maxNode", says: ["is not a known setting", got(3)] },
    { name: "node count as a string", base: "dev", fault: (c) => (group(c).minNodes = "1"), key: "webstack:cluster.nodeGroups[0].minNodes", says: ["expected number", got("1")] },
    { name: "flag that is not true/false", base: "dev", fault: (c) => (group(c).spot = "yes"), key: "webstack:cluster.nodeGroups[0].spot", says: ["must be true or false", got("yes")] },
    { name: "fractional disk size", base: "dev", fault: (c) => (group(c).diskSizeGb = 10.5), key: "webstack:cluster.nodeGroups[0].diskSizeGb", says: ["expected int", got(10.5)] },
    { name: "port as a string", base: "dev", fault: (c) => (nginx(c).port = "8080"), key: "webstack:apps.nginx.port", says: ["expected number", got("8080")] },
    {
        name: "minNodes above maxNodes in the second group",
        base: "dev",
        fault: (c) => {
            secondGroup(c);
            Object.assign(group(c, 1), { minNodes: 6, maxNodes: 5 });
        },
        key: "webstack:cluster.nodeGroups[1].minNodes",
        says: ["must not exceed maxNodes (5)", got(6)],
    },
    { name: "negative minNodes", base: "dev", fault: (c) => (group(c).minNodes = -1), key: "webstack:cluster.nodeGroups[0].minNodes", says: [">=0", got(-1)] },
    { name: "maxNodes above the cap", base: "dev", fault: (c) => (group(c).maxNodes = 1000), key: "webstack:cluster.nodeGroups[0].maxNodes", says: ["<=100", got(1000)] },
    { name: "CIDR with a /33 prefix", base: "dev", fault: (c) => (c["webstack:cluster"].authorizedNetworks = ["10.0.0.0/33"]), key: "webstack:cluster.authorizedNetworks[0]", says: ["IPv4 CIDR", got("10.0.0.0/33")] },
    { name: "bare IP instead of a CIDR", base: "dev", fault: (c) => (c["webstack:cluster"].authorizedNetworks = ["203.0.113.0/24", "203.0.113.7"]), key: "webstack:cluster.authorizedNetworks[1]", says: ["IPv4 CIDR", got("203.0.113.7")] },
    { name: "node group name that is not a DNS label", base: "dev", fault: (c) => (group(c).name = "General_1"), key: "webstack:cluster.nodeGroups[0].name", says: ["DNS-1123 label", got("General_1")] },
    {
        name: "duplicate node group names",
        base: "dev",
        fault: (c) => {
            secondGroup(c);
            group(c, 1).name = "general";
        },
        key: "webstack:cluster.nodeGroups[1].name",
        says: ["duplicates the name of nodeGroups[0]", got("general")],
    },
    { name: "empty machineType", base: "dev", fault: (c) => (group(c).machineType = ""), key: "webstack:cluster.nodeGroups[0].machineType", says: ["must not be empty", got("")] },
    { name: "zone of another region", base: "dev", fault: (c) => (c["webstack:cluster"].zones = ["us-east1-b"]), key: "webstack:cluster.zones[0]", says: ["must be a zone of region europe-west1", got("us-east1-b")] },
    { name: "zone of a region sharing the prefix", base: "dev", fault: (c) => (c["webstack:cluster"].zones = ["europe-west10-a"]), key: "webstack:cluster.zones[0]", says: ["must be a zone of region europe-west1", got("europe-west10-a")] },
    { name: "upper-case host", base: "dev", fault: (c) => (webServer(c).host = "Web.dev.example.com"), key: "webstack:apps.web-server.host", says: ["host name", got("Web.dev.example.com")] },
    { name: "wildcard host", base: "dev", fault: (c) => (webServer(c).host = "*.dev.example.com"), key: "webstack:apps.web-server.host", says: ["host name", got("*.dev.example.com")] },
    { name: "expose ingress without host", base: "dev", fault: (c) => delete webServer(c).host, key: "webstack:apps.web-server.host", says: ["is required when expose is ingress", "(got nothing)"] },
    { name: "latest tag", base: "dev", fault: (c) => (nginx(c).tag = "latest"), key: "webstack:apps.nginx.tag", says: ["must be pinned", got("latest")] },
    { name: "third-party image without tag", base: "dev", fault: (c) => delete nginx(c).tag, key: "webstack:apps.nginx.tag", says: ["is required and must be pinned", "(got nothing)"] },
    { name: "imageTag latest", base: "dev", fault: (c) => (c["webstack:imageTag"] = "latest"), key: "webstack:imageTag", says: ["must be pinned", got("latest")] },
    { name: "empty imageTag", base: "dev", fault: (c) => (c["webstack:imageTag"] = ""), key: "webstack:imageTag", says: ["must be an image tag", got("")] },
    { name: "app name that is not a DNS label", base: "dev", fault: (c) => (c["webstack:apps"].Web_Site = nginx(c)), key: "webstack:apps.Web_Site", says: ["is not a valid name", got("Web_Site")] },
    { name: "ephemeral storage request above its limit", base: "dev", fault: (c) => (nginx(c).resources = { requests: { cpu: "100m", memory: "128Mi", ephemeralStorage: "1Gi" } }), key: "webstack:apps.nginx.resources.requests.ephemeralStorage", says: ["must not exceed limits.ephemeralStorage (256Mi)", got("1Gi")] },
    { name: "liveness probe identical to readiness", base: "dev", fault: (c) => (nginx(c).probes = { path: "/", livenessPath: "/" }), key: "webstack:apps.nginx.probes.livenessPath", says: ["must differ from probes.path", got("/")] },
    { name: "requests above limits", base: "dev", fault: (c) => (nginx(c).resources = { requests: { cpu: "1", memory: "128Mi" } }), key: "webstack:apps.nginx.resources.requests.cpu", says: ["must not exceed limits.cpu (500m)", got("1")] },
    { name: "autoscale min above max", base: "prod", fault: (c) => (webServer(c).autoscale = { min: 8, max: 6 }), key: "webstack:apps.web-server.autoscale.min", says: ["must not exceed max (6)", got(8)] },
    { name: "unknown cloud", base: "dev", fault: (c) => (c["webstack:cloud"] = "azure"), key: "webstack:cloud", says: ["expected one of", got("azure")] },
    { name: "cloud missing", base: "dev", fault: (c) => delete c["webstack:cloud"], key: "webstack:cloud", says: ["is required: gcp, aws or existing", "(got nothing)"] },
    { name: "cluster on an existing cloud", base: "existing", fault: (c) => (c["webstack:cluster"] = bases.dev()["webstack:cluster"]), key: "webstack:cluster", says: ["is only used with cloud gcp or aws", '"region":"europe-west1"'] },
    { name: "kubeContext beside kubeconfig", base: "existing", fault: (c) => (c["webstack:kubeContext"] = "kind-kind"), key: "webstack:kubeContext", says: ["conflicts with webstack:kubeconfig", got("kind-kind")] },
    { name: "cert-manager switched off on gcp", base: "dev", fault: (c) => (c["webstack:platform"] = { certManager: false }), key: "webstack:platform.certManager", says: ["can only be switched off on existing clusters", got(false)] },
    { name: "prod with private nodes off", base: "prod", fault: (c) => (c["webstack:cluster"].privateNodes = false), key: "webstack:cluster.privateNodes", says: ["cannot be turned off on a prod stack", got(false)] },
    { name: "prod with only spot groups", base: "prod", fault: (c) => (group(c).spot = true), key: "webstack:cluster.nodeGroups", says: ["needs at least one on-demand"] },
    { name: "prod the deploy jobs cannot reach", base: "prod", fault: (c) => delete c["webstack:cluster"].deployerNetworks, key: "webstack:cluster.deployerNetworks", says: ["must list where the deploy and preview jobs run", "cluster.deployFromVpc"] },
    { name: "prod without an admin", base: "prod", fault: (c) => delete c["webstack:cluster"].admins, key: "webstack:cluster.admins", says: ["must list the deploy identity of the workflows"] },
    { name: "prod without Secrets encryption", base: "prod", fault: (c) => (c["webstack:cluster"].secretsEncryption = false), key: "webstack:cluster.secretsEncryption", says: ["cannot be turned off on a prod stack"] },
    { name: "prod without control-plane logs", base: "prod", fault: (c) => (c["webstack:cluster"].controlPlaneLogs = "false"), key: "webstack:cluster.controlPlaneLogs", says: ["cannot be turned off on a prod stack"] },
    { name: "zonal prod GKE cluster", base: "prod", fault: (c) => (c["webstack:cluster"].zones = ["europe-west1-b"]), key: "webstack:cluster.zones", says: ["zonal GKE cluster", "prod needs a regional one"] },
    {
        name: "EKS with one zone",
        base: "dev",
        fault: (c) => {
            c["webstack:cloud"] = "aws";
            c["aws:region"] = "eu-west-1";
            c["webstack:cluster"] = { region: "eu-west-1", zones: ["eu-west-1a"], nodeGroups: [{ name: "general", machineType: "t3.medium", minNodes: 1, maxNodes: 3 }], admins: [eksDeployer] };
            c["webstack:access"] = awsAccess("dev");
        },
        key: "webstack:cluster.zones",
        says: ["EKS needs subnets in two availability zones", got(["eu-west-1a"])],
    },
    {
        name: "EKS dev cluster without an admin",
        base: "dev",
        fault: (c) => {
            c["webstack:cloud"] = "aws";
            c["aws:region"] = "eu-west-1";
            c["webstack:cluster"] = { region: "eu-west-1", zones: ["eu-west-1a", "eu-west-1b"], nodeGroups: [{ name: "general", machineType: "t3.medium", minNodes: 1, maxNodes: 3 }] };
            c["webstack:access"] = awsAccess("dev");
        },
        key: "webstack:cluster.admins",
        says: ["must list the IAM role that runs `pulumi up` on EKS", "grants its creator no access"],
    },
    { name: "GKE admin that is an AWS ARN", base: "dev", fault: (c) => (c["webstack:cluster"].admins = ["arn:aws:iam::123456789012:role/x"]), key: "webstack:cluster.admins[0]", says: ["is not a GCP IAM member", "serviceAccount:"] },
    { name: "developer stack that is not a tenant stack", base: "dev", fault: (c) => (c["webstack:cluster"].developers[0].stacks = ["staging"]), key: "webstack:cluster.developers[0].stacks[0]", says: ["must be a tenant stack name"] },
    { name: "maintenance window GKE would refuse", base: "dev", fault: (c) => (c["webstack:cluster"].maintenanceWindow = { days: ["SU"], hours: 8 }), key: "webstack:cluster.maintenanceWindow.hours", says: ["days × hours must be at least 12", got(8)] },
    { name: "a stack marked prod is held to prod rules", base: "dev", stack: "staging", fault: (c) => {
            c["webstack:prod"] = true;
            // What prod needs besides on-demand capacity: a regional cluster and a network for the deploy jobs.
            c["webstack:cluster"] = { ...c["webstack:cluster"], zones: ["europe-west1-b", "europe-west1-c"], deployerNetworks: ["198.51.100.0/28"] };
        }, key: "webstack:cluster.nodeGroups", says: ["needs at least one on-demand"] },
    { name: "TLS app without acmeEmail", base: "dev", fault: (c) => delete c["webstack:acmeEmail"], key: "webstack:acmeEmail", says: ["is required for Let's Encrypt", "web-server"] },
    { name: "malformed acmeEmail", base: "dev", fault: (c) => (c["webstack:acmeEmail"] = "platform-at-example.com"), key: "webstack:acmeEmail", says: ["must be an e-mail address", got("platform-at-example.com")] },
    {
        name: "cluster region other than aws:region",
        base: "dev",
        fault: (c) => {
            c["webstack:cloud"] = "aws";
            c["aws:region"] = "eu-west-1";
            c["webstack:access"] = awsAccess("dev");
            c["webstack:cluster"] = { region: "eu-central-1", nodeGroups: [{ name: "general", machineType: "t3.medium", minNodes: 1, maxNodes: 3 }], admins: [eksDeployer] };
        },
        key: "webstack:cluster.region",
        says: ["must match aws:region (eu-west-1)", got("eu-central-1")],
    },
    { name: "secretEnv naming a key that is not set", base: "dev", fault: (c) => delete c["webstack:webServerToken"], key: "webstack:apps.web-server.secretEnv.API_TOKEN", says: ["names secret webstack:webServerToken, which is not set", got("webServerToken")] },
    {
        name: "secretEnv naming a plain key",
        base: "dev",
        fault: (c) => (c["webstack:webServerToken"] = "plain-token-8f3a"),
        key: "webstack:webServerToken",
        says: ["set it with --secret", "[not shown]"],
        hidden: "plain-token-8f3a",
    },
    {
        name: "kubeconfig not set as a secret",
        base: "existing",
        fault: (c) => (c["webstack:kubeconfig"] = "apiVersion: v1\nusers: [{name: admin, user: {token: kc-token-77e1}}]"),
        key: "webstack:kubeconfig",
        says: ["must be set as a secret"],
        hidden: "kc-token-77e1",
    },
    {
        name: "a secret inside a structured setting",
        base: "dev",
        fault: (c) => (nginx(c).env = { PASSWORD: secure }),
        key: "webstack:apps",
        says: ["must not hold a secret", "[secret]"],
        hidden: offlineSecretPlaceholder,
    },
    {
        name: "mistyped secret key shows no value",
        base: "dev",
        fault: (c) => (c["webstack:webServerTokn"] = secure),
        key: "webstack:webServerTokn",
        says: ["did you mean webstack:webServerToken?", "(got [secret])"],
        hidden: offlineSecretPlaceholder,
    },
    { name: "tenant stack with a cluster key", base: "tenant", fault: (c) => (c["webstack:cluster"] = bases.dev()["webstack:cluster"]), key: "webstack:cluster", says: ["is not used by tenant stacks"] },
    { name: "tenant stack with a plain kubeconfig shows no value", base: "tenant", stack: "pr-42", fault: (c) => (c["webstack:kubeconfig"] = "users: [{user: {token: kc-token-41}}]"), key: "webstack:kubeconfig", says: ["must be set as a secret", "(got \"[not shown]\")"], hidden: "kc-token-41" },
    { name: "tenant domain that is not a DNS domain", base: "tenant", fault: (c) => (c["webstack:domain"] = "localhost"), key: "webstack:domain", says: ["must be a DNS domain", got("localhost")] },
    { name: "tenant domain too long for <app>-<stack>.<domain>", base: "tenant", fault: (c) => (c["webstack:domain"] = `${"c".repeat(45)}.${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.example.com`), key: "webstack:domain", says: ["gives apps.nginx the tenant host nginx-dev-alice.cccc", "must be at most 253 characters"] },
    { name: "tenant app forcing a load balancer its quota does not admit", base: "tenant", fault: (c) => (c["webstack:apps"].nginx = { ...nginx(c), expose: "loadBalancer", host: undefined, forceLoadBalancer: true }), key: "webstack:tenant.quota.loadBalancers", says: ["admits fewer load balancers than the apps force (nginx)", got(0)] },
    { name: "tenant stack without a domain", base: "tenant", stack: "pr-42", fault: (c) => delete c["webstack:domain"], key: "webstack:domain", says: ["is required on tenant stacks"] },
];

describe("invalid stack configs: one fault, one problem naming the key and the value", () => {
    for (const c of invalid) {
        test(c.name, () => {
            const config = bases[c.base]();
            c.fault(config);
            const err = configError(config, stackOf(c));
            assertProblem(err.problems, c.key, ...c.says);
            assert.equal(err.problems.length, 1, `one fault should make one problem:\n  ${err.problems.join("\n  ")}`);
            assert.match(err.message, /^Invalid stack configuration \(1 problem\):\n {2}- /);
            if (c.hidden) assert.ok(!err.message.includes(c.hidden), `the message shows a secret value: ${err.message}`);
        });
    }
});

test("faults in different sections are all reported in one error", () => {
    const config = bases.dev();
    config["webstack:clsuter"] = "typo";
    config["webstack:acmeEmail"] = "nobody";
    group(config).minNodes = 4;
    config["webstack:cluster"].authorizedNetworks = ["10.0.0.0/8", "10.1.0.0/40"];
    nginx(config).tag = "latest";
    webServer(config).expose = "internal";
    delete config["webstack:webServerToken"];
    config["webstack:tenant"] = { quota: { pods: 0 } };
    config["webstack:cluster"].controlPlaneLogDays = 10;
    const err = configError(config, "dev");
    const expected: [string, string][] = [
        ["webstack:clsuter", "did you mean webstack:cluster?"],
        ["webstack:acmeEmail", got("nobody")],
        ["webstack:cluster.nodeGroups[0].minNodes", got(4)],
        ["webstack:cluster.authorizedNetworks[1]", got("10.1.0.0/40")],
        ["webstack:cluster.controlPlaneLogDays", "must be a retention CloudWatch Logs offers: 1, 3, 5"],
        ["webstack:apps.nginx.tag", got("latest")],
        ["webstack:apps.web-server.host", "is only used with expose: ingress"],
        ["webstack:apps.web-server.secretEnv.API_TOKEN", "is not set"],
        ["webstack:tenant.quota.pods", got(0)],
    ];
    for (const [key, fragment] of expected) assertProblem(err.problems, key, fragment);
    assert.equal(err.problems.length, expected.length, err.message);
    assert.match(err.message, new RegExp(`^Invalid stack configuration \\(${expected.length} problems\\)`));
    for (const problem of err.problems) assert.ok(err.message.includes(problem));
});

test("the engine takes a config error for a RunError: it prints the message, not our stack trace", () => {
    assert.ok(RunError.isInstance(new ConfigError(["webstack:cloud: must be one of gcp, aws, existing"])));
});

describe("reaching prod and cluster access settings", () => {
    const prodWith = (cluster: StackFile) => {
        const c = bases.prod();
        c["webstack:cluster"] = { ...c["webstack:cluster"], ...cluster };
        return c;
    };

    test("prod may reach its API from in-VPC runners instead of deployer networks", () => {
        const config = parse(prodWith({ deployerNetworks: undefined, deployFromVpc: true }), "prod");
        assert.deepEqual(config.cluster?.deployerNetworks, []);
        assert.equal(config.cluster?.deployFromVpc, true);
    });

    test("defaults: hardening on, no admins or developers, GKE's weekend window", () => {
        const config = parse(prodWith({}), "prod");
        assert.equal(config.cluster?.secretsEncryption, true);
        assert.equal(config.cluster?.controlPlaneLogs, true);
        const dev = parse(bases.dev(), "dev").cluster!;
        assert.deepEqual(parse({ ...bases.dev(), "webstack:cluster": { ...bases.dev()["webstack:cluster"], maintenanceWindow: undefined } }, "dev").cluster?.maintenanceWindow, { days: ["SA", "SU"], start: "03:00", hours: 6 });
        assert.equal(dev.deployFromVpc, false);
    });

    test("a tenant stack takes its quota from the shared stack, and may not set its own", () => {
        const tenant = (config: Record<string, unknown>) => {
            const view = engineView(config, "dev-alice");
            return parseStackConfig(view.config, { stack: "dev-alice", projectDir, isSecret: (key) => view.secretKeys.includes(key) });
        };
        const shared = parse(bases.dev(), "dev").tenant;
        assert.deepEqual(tenant(bases.tenant()).tenant, shared);
        assert.throws(() => tenant({ ...bases.tenant(), "webstack:tenant": { quota: { pods: 100 } } }), (err: unknown) => {
            assert.ok(err instanceof ConfigError);
            assert.deepEqual(err.problems, ["webstack:tenant: is set by the shared stack, whose limits the namespace of a tenant stack gets from trusted code; remove it here (got [not shown])"]);
            return true;
        });
    });
});
