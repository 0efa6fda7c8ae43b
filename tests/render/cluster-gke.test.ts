import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { authPlugin, gkeKubeconfig } from "../../infra/cluster/gke/kubeconfig";
import { gkeLocation } from "../../infra/cluster/gke/location";
import { gkeTaint } from "../../infra/cluster/gke/nodePools";
import { nodeAccountId, nodeProjectRoles } from "../../infra/cluster/gke/nodeServiceAccount";
import type { ClusterConfig } from "../../infra/config/cluster";
import type { RecordedResource } from "../../tools/render/recorder";
import type { RenderResult } from "../../tools/render/render";
import { one, ofType, ref, renderStack, stackFileConfig, variant } from "../support/render";

const T = {
    component: "webstack:cluster:Gke",
    network: "gcp:compute/network:Network",
    subnet: "gcp:compute/subnetwork:Subnetwork",
    router: "gcp:compute/router:Router",
    nat: "gcp:compute/routerNat:RouterNat",
    cluster: "gcp:container/cluster:Cluster",
    pool: "gcp:container/nodePool:NodePool",
    account: "gcp:serviceaccount/account:Account",
    projectIam: "gcp:projects/iAMMember:IAMMember",
    repository: "gcp:artifactregistry/repository:Repository",
    repositoryIam: "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember",
    k8sProvider: "pulumi:providers:kubernetes",
};

interface Pool {
    autoscaling: { totalMinNodeCount: number; totalMaxNodeCount: number; minNodeCount?: number; maxNodeCount?: number };
    cluster: string;
    initialNodeCount: number;
    management: { autoRepair: boolean; autoUpgrade: boolean };
    nodeConfig: {
        machineType: string;
        spot: boolean;
        diskSizeGb: number;
        labels?: Record<string, string>;
        taints?: { key: string; value: string; effect: string }[];
        serviceAccount: string;
        oauthScopes: string[];
        shieldedInstanceConfig: { enableSecureBoot: boolean; enableIntegrityMonitoring: boolean };
        workloadMetadataConfig: { mode: string };
    };
}

const inputs = <I = Record<string, unknown>>(r: RecordedResource) => r.inputs as I;
const clusterConfig = (stack: string) => stackFileConfig(stack)["webstack:cluster"] as ClusterConfig;
const gcpProject = (stack: string) => String(stackFileConfig(stack)["gcp:project"]);

/** The physical name the mocks gave a resource, read back from where another resource uses it. */
function clusterName(result: RenderResult): string {
    return String(result.outputs.clusterName);
}

function nodeAccountEmail(result: RenderResult): string {
    return `${String(inputs(one(result, T.account)).accountId)}@${gcpProject(result.stack)}.iam.gserviceaccount.com`;
}

/** The project grants of the nodes' service account (the others are the admins' and developers', cluster-access tests). */
const nodeGrants = (result: RenderResult) => ofType(result, T.projectIam).filter((r) => r.name.includes("-nodes-"));

const gcpResources = (result: RenderResult) => result.resources.filter((r) => r.type.startsWith("gcp:"));

for (const stack of ["dev", "prod"]) {
    describe(`GKE cluster (${stack} stack)`, () => {
        const render = () => renderStack(stack);

        test("createCluster builds the GKE component for cloud gcp, and nothing from AWS", async () => {
            const result = await render();
            const component = one(result, T.component);
            assert.equal(component.parent, `pulumi:pulumi:Stack::webstack-${stack}`);
            assert.equal(component.name, `webstack-${stack}`);
            assert.deepEqual(result.resources.filter((r) => /^(aws|eks):/.test(r.type)).map(ref), []);
            for (const type of [T.network, T.subnet, T.cluster, T.pool, T.account, T.k8sProvider]) {
                for (const r of ofType(result, type)) assert.equal(r.parent, ref(component), `${ref(r)} is a child of the component`);
            }
        });

        test("VPC-native network: custom-mode VPC, subnet with pod and Service ranges, NAT for private nodes", async () => {
            const result = await render();
            const network = one(result, T.network);
            const subnet = one(result, T.subnet);
            assert.equal(inputs(network).autoCreateSubnetworks, false);
            assert.match(String(inputs(subnet).network), /\/global\/networks\//);
            assert.ok(subnet.dependsOn.includes(ref(network)));
            assert.equal(inputs(subnet).region, clusterConfig(stack).region);
            assert.equal(inputs(subnet).privateIpGoogleAccess, true);
            const ranges = inputs<{ secondaryIpRanges: { rangeName: string; ipCidrRange: string }[] }>(subnet).secondaryIpRanges;
            assert.deepEqual(ranges.map((r) => r.rangeName), ["pods", "services"]);
            for (const r of ranges) assert.match(r.ipCidrRange, /^10\.\d+\.\d+\.\d+\/\d+$/);

            const policy = inputs<{ ipAllocationPolicy: Record<string, string> }>(one(result, T.cluster)).ipAllocationPolicy;
            assert.deepEqual(policy, { clusterSecondaryRangeName: ranges[0].rangeName, servicesSecondaryRangeName: ranges[1].rangeName });
            assert.equal(inputs(one(result, T.cluster)).networkingMode, "VPC_NATIVE");
            assert.ok(one(result, T.cluster).dependsOn.includes(ref(subnet)));
            assert.match(String(inputs(one(result, T.cluster)).subnetwork), /\/subnetworks\//);

            const router = one(result, T.router);
            const nat = one(result, T.nat);
            assert.equal(inputs(router).network, inputs(subnet).network);
            assert.ok(nat.dependsOn.includes(ref(router)));
            assert.equal(inputs(nat).sourceSubnetworkIpRangesToNat, "LIST_OF_SUBNETWORKS");
            assert.deepEqual(inputs<{ subnetworks: unknown[] }>(nat).subnetworks, [{ name: inputs(one(result, T.cluster)).subnetwork, sourceIpRangesToNats: ["ALL_IP_RANGES"] }]);
        });

        test("cluster: default pool removed, workload identity, shielded nodes, Dataplane V2, private nodes", async () => {
            const result = await render();
            const c = inputs(one(result, T.cluster));
            assert.equal(c.removeDefaultNodePool, true);
            assert.equal(c.initialNodeCount, 1);
            assert.deepEqual(c.workloadIdentityConfig, { workloadPool: `${gcpProject(stack)}.svc.id.goog` });
            assert.equal(c.enableShieldedNodes, true);
            assert.equal(c.datapathProvider, "ADVANCED_DATAPATH");
            assert.equal(c.networkPolicy, undefined, "Dataplane V2 enforces NetworkPolicies itself");
            assert.deepEqual(c.privateClusterConfig, { enablePrivateNodes: true, enablePrivateEndpoint: false, masterIpv4CidrBlock: "172.16.0.0/28" });
            // Prod backs its volumes up (tests/render/backups.test.ts): the Backup for GKE agent is on there.
            assert.deepEqual(c.addonsConfig, { gcePersistentDiskCsiDriverConfig: { enabled: true }, ...(stack === "prod" ? { gkeBackupAgentConfig: { enabled: true } } : {}) });
            assert.equal(c.minMasterVersion, undefined, "no kubernetesVersion: the release channel decides");
        });

        test("one node pool per node group, sized, labelled and hardened as configured", async () => {
            const result = await render();
            const groups = clusterConfig(stack).nodeGroups;
            const pools = ofType(result, T.pool);
            assert.deepEqual(pools.map((p) => p.name).sort(), groups.map((g) => `webstack-${stack}-${g.name}`).sort());
            for (const group of groups) {
                const pool = one(result, T.pool, `webstack-${stack}-${group.name}`);
                const p = inputs<Pool>(pool);
                assert.equal(p.cluster, clusterName(result));
                assert.ok(pool.dependsOn.includes(ref(one(result, T.cluster))));
                assert.equal(p.autoscaling.totalMinNodeCount, group.minNodes);
                assert.equal(p.autoscaling.totalMaxNodeCount, group.maxNodes);
                assert.equal(p.autoscaling.minNodeCount, undefined, "total limits, not per-zone ones");
                assert.equal(p.nodeConfig.machineType, group.machineType);
                assert.equal(p.nodeConfig.spot, group.spot ?? false);
                assert.equal(p.nodeConfig.diskSizeGb, group.diskSizeGb ?? 50);
                assert.deepEqual(p.nodeConfig.labels, group.labels);
                // The spot taint only on a spot pool beside an on-demand one (tests/render/spot.test.ts).
                const spotBesideOnDemand = group.spot && groups.some((g: { spot?: boolean }) => !g.spot);
                assert.deepEqual(p.nodeConfig.taints, spotBesideOnDemand ? [{ key: "webstack.dev/spot", value: "true", effect: "NO_SCHEDULE" }] : undefined);
                assert.equal(p.nodeConfig.serviceAccount, nodeAccountEmail(result));
                assert.deepEqual(p.nodeConfig.oauthScopes, ["https://www.googleapis.com/auth/cloud-platform"]);
                assert.deepEqual(p.nodeConfig.shieldedInstanceConfig, { enableSecureBoot: true, enableIntegrityMonitoring: true });
                assert.deepEqual(p.nodeConfig.workloadMetadataConfig, { mode: "GKE_METADATA" });
                assert.deepEqual(p.management, { autoRepair: true, autoUpgrade: true });
                assert.deepEqual(pool.ignoreChanges, ["initialNodeCount"]);
                for (const binding of [...nodeGrants(result), one(result, T.repositoryIam, `webstack-${stack}-reader-nodes`)]) {
                    assert.ok(pool.dependsOn.includes(ref(binding)), `${pool.name} waits for ${binding.name}`);
                }
            }
        });

        test("nodes run as a dedicated service account with exactly the least-privilege roles", async () => {
            const result = await render();
            const account = one(result, T.account);
            assert.equal(inputs(account).project, gcpProject(stack));
            const member = `serviceAccount:${nodeAccountEmail(result)}`;
            const grants = nodeGrants(result).map((r) => inputs<{ role: string; member: string; project: string }>(r));
            assert.deepEqual(grants.map((g) => g.role).sort(), [
                "roles/logging.logWriter",
                "roles/monitoring.metricWriter",
                "roles/monitoring.viewer",
                "roles/stackdriver.resourceMetadata.writer",
            ]);
            for (const grant of grants) assert.deepEqual([grant.member, grant.project], [member, gcpProject(stack)]);
            const reader = inputs(one(result, T.repositoryIam, `webstack-${stack}-reader-nodes`));
            assert.deepEqual(reader, {
                project: gcpProject(stack),
                location: clusterConfig(stack).region,
                repository: inputs(one(result, T.repository, `webstack-${stack}`)).repositoryId,
                role: "roles/artifactregistry.reader",
                member,
            });
        });

        test("Artifact Registry: a Docker repository in the cluster's region, exported as the registry", async () => {
            const result = await render();
            const repository = one(result, T.repository, `webstack-${stack}`);
            assert.equal(repository.parent, ref(one(result, "webstack:registry:ArtifactRegistry", `webstack-${stack}`)));
            assert.equal(one(result, "webstack:registry:ArtifactRegistry", `webstack-${stack}`).parent, ref(one(result, T.component)));
            assert.equal(inputs(repository).format, "DOCKER");
            assert.equal(inputs(repository).repositoryId, "webstack");
            assert.equal(inputs(repository).location, clusterConfig(stack).region);
            assert.equal(result.outputs.registry, `${clusterConfig(stack).region}-docker.pkg.dev/${gcpProject(stack)}/webstack`);
        });

        test("the Kubernetes provider waits for every node pool and applies server-side", async () => {
            const result = await render();
            const provider = one(result, T.k8sProvider, `webstack-${stack}`);
            for (const pool of ofType(result, T.pool)) assert.ok(provider.dependsOn.includes(ref(pool)), `provider waits for ${pool.name}`);
            assert.equal(String(inputs(provider).enableServerSideApply), "true");
            assert.equal(inputs(provider).kubeconfig, "[secret]");
            const c = one(result, T.cluster);
            assert.equal(inputs(provider).clusterIdentifier, `projects/${gcpProject(stack)}/locations/${String(inputs(c).location)}/clusters/${clusterName(result)}`);
        });

        test("the default pool GKE creates first runs as the nodes' own service account, never the Compute Engine default", async () => {
            const result = await render();
            const c = inputs(one(result, T.cluster));
            assert.equal(c.removeDefaultNodePool, true);
            assert.equal((c.nodeConfig as { serviceAccount: string }).serviceAccount, nodeAccountEmail(result));
            for (const binding of nodeGrants(result)) assert.ok(one(result, T.cluster).dependsOn.includes(ref(binding)), `the cluster waits for ${binding.name}`);
        });

        test("destroy removes every Kubernetes object before the admins' and developers' IAM grants that reach the API", async () => {
            const result = await render();
            const provider = one(result, T.k8sProvider, `webstack-${stack}`);
            // The cluster's own admins and developers (webstack:access identities come later, through the cluster).
            const grants = ofType(result, "gcp:projects/iAMMember:IAMMember").filter((g) => g.parent === ref(one(result, T.component)) && String(inputs(g).role).startsWith("roles/container."));
            assert.ok(grants.some((g) => inputs(g).role === "roles/container.admin"), "the deployer's grant");
            // Resources on the provider depend on it, and it on the grants: the engine deletes them in that order.
            for (const grant of grants) assert.ok(provider.dependsOn.includes(ref(grant)), `provider waits for ${grant.name}`);
        });

        test("kubeconfig is a secret output and never appears in plaintext", async () => {
            const result = await render();
            assert.equal(result.outputs.kubeconfig, "[secret]");
            const everything = JSON.stringify(result);
            for (const leak of [authPlugin, "certificate-authority-data", "client.authentication.k8s.io"]) {
                assert.ok(!everything.includes(leak), `${leak} appears in the render`);
            }
            assert.match(String(result.outputs.endpoint), /^https:\/\/\d+\.\d+\.\d+\.\d+$/);
            assert.match(clusterName(result), new RegExp(`^webstack-${stack}-[0-9a-f]{7}$`));
        });
    });
}

describe("GKE cluster: dev and prod differences", () => {
    test("dev: zonal, REGULAR channel, API endpoint not IP-restricted, nothing protected", async () => {
        const result = await renderStack("dev");
        const c = inputs(one(result, T.cluster));
        assert.deepEqual(clusterConfig("dev").zones, ["europe-west1-b"]);
        assert.equal(c.location, "europe-west1-b");
        assert.equal(c.nodeLocations, undefined);
        assert.deepEqual(c.releaseChannel, { channel: "REGULAR" });
        assert.equal(c.masterAuthorizedNetworksConfig, undefined);
        assert.equal(c.deletionProtection, false);
        assert.deepEqual(gcpResources(result).filter((r) => r.protect).map(ref), []);
    });

    test("prod: regional over the configured zones, STABLE channel, authorized networks, protected", async () => {
        const result = await renderStack("prod");
        const config = clusterConfig("prod");
        const c = inputs(one(result, T.cluster));
        assert.equal(c.location, config.region);
        assert.deepEqual(c.nodeLocations, config.zones);
        assert.deepEqual(c.releaseChannel, { channel: "STABLE" });
        assert.deepEqual(c.masterAuthorizedNetworksConfig, {
            cidrBlocks: [...config.authorizedNetworks, ...config.deployerNetworks].map((cidr) => ({ cidrBlock: cidr, displayName: cidr })),
        });
        assert.equal(c.deletionProtection, true);
        for (const type of [T.network, T.subnet, T.router, T.nat, T.cluster, T.pool, T.repository]) {
            const found = ofType(result, type);
            assert.ok(found.length > 0, `prod has a ${type}`);
            for (const r of found) assert.equal(r.protect, true, `${ref(r)} is protected`);
        }
        // First nodes spread over the zones: ceil(minNodes / zones) per zone.
        for (const group of config.nodeGroups) {
            const pool = inputs<Pool>(one(result, T.pool, `webstack-prod-${group.name}`));
            assert.equal(pool.initialNodeCount, Math.ceil(group.minNodes / config.zones!.length));
        }
    });
});

describe("GKE cluster: a variant with public nodes, taints, a pinned version and no zones", () => {
    const cluster = {
        region: "europe-west4",
        privateNodes: false,
        kubernetesVersion: "1.31",
        nodeGroups: [{
            name: "web",
            machineType: "e2-standard-2",
            minNodes: 4,
            maxNodes: 6,
            diskSizeGb: 100,
            taints: [{ key: "dedicated", value: "web", effect: "NoSchedule" }, { key: "drain", effect: "NoExecute" }],
        }, {
            // Pods without tolerations (the platform) need a group without taints: the config insists.
            name: "system",
            machineType: "e2-standard-2",
            minNodes: 1,
            maxNodes: 2,
        }],
    };
    const render = () => renderStack("dev", { configFile: variant("dev", { "webstack:cluster": cluster }) });

    test("regional in the region with GKE's zones; version pinned", async () => {
        const c = inputs(one(await render(), T.cluster));
        assert.equal(c.location, "europe-west4");
        assert.equal(c.nodeLocations, undefined);
        assert.equal(c.minMasterVersion, "1.31");
    });

    test("no private cluster config and no NAT when nodes have public IPs", async () => {
        const result = await render();
        assert.equal(inputs(one(result, T.cluster)).privateClusterConfig, undefined);
        assert.deepEqual([...ofType(result, T.router), ...ofType(result, T.nat)], []);
    });

    test("taints, disk size and first size reach the node pool", async () => {
        const pool = inputs<Pool>(one(await render(), T.pool, "webstack-dev-web"));
        assert.deepEqual(pool.nodeConfig.taints, [
            { key: "dedicated", value: "web", effect: "NO_SCHEDULE" },
            { key: "drain", value: "", effect: "NO_EXECUTE" },
        ]);
        assert.equal(pool.nodeConfig.diskSizeGb, 100);
        assert.equal(pool.nodeConfig.spot, false);
        assert.equal(pool.initialNodeCount, 2, "4 nodes over GKE's three default zones: 2 per zone");
    });
});

describe("GKE helpers", () => {
    test("gkeTaint maps every Kubernetes effect to the GKE enum", () => {
        assert.deepEqual(
            (["NoSchedule", "PreferNoSchedule", "NoExecute"] as const).map((effect) => gkeTaint({ key: "k", value: "v", effect }).effect),
            ["NO_SCHEDULE", "PREFER_NO_SCHEDULE", "NO_EXECUTE"],
        );
    });

    test("gkeLocation: one zone is zonal, several zones or none are regional", () => {
        assert.deepEqual(gkeLocation({ region: "europe-west1", zones: ["europe-west1-c"] }), { location: "europe-west1-c", zoneCount: 1 });
        assert.deepEqual(gkeLocation({ region: "europe-west1", zones: ["europe-west1-b", "europe-west1-c"] }), {
            location: "europe-west1",
            nodeLocations: ["europe-west1-b", "europe-west1-c"],
            zoneCount: 2,
        });
        assert.deepEqual(gkeLocation({ region: "europe-west1" }), { location: "europe-west1", nodeLocations: undefined, zoneCount: 3 });
    });

    test("nodeAccountId fits GCP's 30-character limit without a trailing hyphen", () => {
        assert.equal(nodeAccountId("webstack-dev"), "webstack-dev-nodes");
        const long = nodeAccountId("a-very-long-project-name-prod");
        assert.ok(long.length <= 30, long);
        assert.match(long, /^[a-z][-a-z0-9]*[a-z0-9]$/);
        assert.doesNotMatch(long, /--/);
        assert.equal(nodeProjectRoles.length, 4);
    });

    test("the kubeconfig authenticates through gke-gcloud-auth-plugin against the cluster's CA", () => {
        const doc = parse(gkeKubeconfig({ project: "p", location: "europe-west1-b", name: "c", endpoint: "203.0.113.9", caCertificate: "Q0E=" }));
        const context = "gke_p_europe-west1-b_c";
        assert.equal(doc["current-context"], context);
        assert.deepEqual(doc.clusters, [{ name: context, cluster: { server: "https://203.0.113.9", "certificate-authority-data": "Q0E=" } }]);
        assert.deepEqual(doc.contexts, [{ name: context, context: { cluster: context, user: context } }]);
        const exec = doc.users[0].user.exec;
        assert.equal(doc.users[0].name, context);
        assert.equal(exec.command, "gke-gcloud-auth-plugin");
        assert.equal(exec.apiVersion, "client.authentication.k8s.io/v1beta1");
        assert.equal(exec.provideClusterInfo, true);
        assert.match(exec.installHint, /gke-gcloud-auth-plugin/);
        assert.equal(doc.users[0].user.token, undefined, "no static credential");
    });
});
