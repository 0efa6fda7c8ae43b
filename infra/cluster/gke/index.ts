import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterConfig } from "../../config/cluster";
import { ArtifactRegistry } from "../../registry/artifactRegistry";
import type { ClusterWithRegistry, WorkloadIdentity } from "../types";
import { gkeKubeconfig } from "./kubeconfig";
import { gkeLocation } from "./location";
import { createGkeNetwork, gkeRanges } from "./network";
import { createGkeNodePools } from "./nodePools";
import { createNodeServiceAccount } from "./nodeServiceAccount";

export interface GkeClusterArgs {
    /**
     * Region and zones (one zone: zonal cluster; otherwise regional), Kubernetes version (default: the
     * release channel's), node groups, `privateNodes` (default true) and `authorizedNetworks`: the CIDRs
     * allowed to reach the API server's public endpoint. An empty list (the default) leaves the endpoint
     * open to every address, guarded by IAM (Google identity + RBAC) alone.
     */
    cluster: ClusterConfig;
    /** Prod: STABLE channel (else REGULAR), deletion protection, and `protect` on network, cluster, pools, registry. */
    prod: boolean;
}

/** The GCP project from the provider config (`gcp:project`, or the environment the provider also reads). */
function gcpProject(): string {
    const project = gcp.config.project;
    if (!project) throw new Error("GkeCluster needs a GCP project: pulumi config set gcp:project <project-id>");
    return project;
}

/**
 * A VPC-native GKE cluster with private, Shielded nodes, workload identity and Dataplane V2 (which enforces
 * NetworkPolicies), one autoscaled node pool per node group running as a least-privilege service account,
 * and an Artifact Registry repository the nodes may pull from.
 */
export class GkeCluster extends pulumi.ComponentResource implements ClusterWithRegistry {
    readonly provider: k8s.Provider;
    readonly kubeconfig: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly endpoint: pulumi.Output<string>;
    readonly registry: pulumi.Output<string>;
    /** GKE's default class, backed by the Compute Engine persistent disk CSI driver. */
    readonly storageClass = "standard-rwo";
    readonly loadBalancerAddresses = true;
    readonly cloud = "gcp" as const;
    readonly workloadIdentity: WorkloadIdentity;

    constructor(name: string, args: GkeClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:cluster:Gke", name, {}, opts);
        const { cluster: config, prod } = args;
        const project = gcpProject();
        const where = gkeLocation(config);
        const protectedInProd = { parent: this, protect: prod };

        const net = createGkeNetwork(name, { region: config.region, nat: config.privateNodes }, protectedInProd);
        const nodeAccount = createNodeServiceAccount(name, { project }, { parent: this });
        const registry = new ArtifactRegistry(name, {
            project,
            region: config.region,
            repositoryId: pulumi.getProject(),
            readers: { nodes: nodeAccount.member },
        }, protectedInProd);

        const cluster = new gcp.container.Cluster(name, {
            location: where.location,
            nodeLocations: where.nodeLocations,
            network: net.network.id,
            subnetwork: net.subnet.id,
            networkingMode: "VPC_NATIVE",
            ipAllocationPolicy: {
                clusterSecondaryRangeName: gkeRanges.pods.name,
                servicesSecondaryRangeName: gkeRanges.services.name,
            },
            // Node pools are managed below; GKE insists on creating a default pool first.
            removeDefaultNodePool: true,
            initialNodeCount: 1,
            releaseChannel: { channel: prod ? "STABLE" : "REGULAR" },
            minMasterVersion: config.kubernetesVersion,
            workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
            enableShieldedNodes: true,
            datapathProvider: "ADVANCED_DATAPATH",
            privateClusterConfig: config.privateNodes
                ? { enablePrivateNodes: true, enablePrivateEndpoint: false, masterIpv4CidrBlock: gkeRanges.controlPlane }
                : undefined,
            masterAuthorizedNetworksConfig: config.authorizedNetworks.length > 0
                ? { cidrBlocks: config.authorizedNetworks.map((cidrBlock) => ({ cidrBlock, displayName: cidrBlock })) }
                : undefined,
            addonsConfig: { gcePersistentDiskCsiDriverConfig: { enabled: true } },
            deletionProtection: prod,
        }, protectedInProd);

        const pools = createGkeNodePools(name, {
            cluster,
            groups: config.nodeGroups,
            serviceAccount: nodeAccount.account.email,
            zoneCount: where.zoneCount,
        }, { ...protectedInProd, dependsOn: [...nodeAccount.bindings, registry] });

        this.workloadIdentity = {
            cloud: "gcp",
            project,
            // From the cluster's outputs, so IAM bindings on the pool wait for the cluster that creates it.
            pool: cluster.workloadIdentityConfig.apply((c) => c?.workloadPool ?? `${project}.svc.id.goog`),
        };
        this.name = cluster.name;
        this.endpoint = pulumi.interpolate`https://${cluster.endpoint}`;
        this.registry = registry.url;
        this.kubeconfig = pulumi.secret(
            pulumi.all([cluster.name, cluster.endpoint, cluster.masterAuth]).apply(([clusterName, endpoint, masterAuth]) =>
                gkeKubeconfig({ project, location: where.location, name: clusterName, endpoint, caCertificate: masterAuth.clusterCaCertificate })),
        );
        this.provider = new k8s.Provider(name, {
            kubeconfig: this.kubeconfig,
            // On a fresh stack's first preview the kubeconfig is unknown: the engine leaves the provider
            // unconfigured and previews its resources with unknowns. Later previews that touch the cluster can
            // make the kubeconfig unknown again, which by itself makes the provider propose replacing every
            // Kubernetes object; with an identifier it is replaced only when the cluster is (the cluster is
            // auto-named, so a new cluster has a new id).
            clusterIdentifier: cluster.id,
            enableServerSideApply: true,
        }, { parent: this, dependsOn: pools });
        this.registerOutputs({ name: this.name, endpoint: this.endpoint, registry: this.registry });
    }
}
