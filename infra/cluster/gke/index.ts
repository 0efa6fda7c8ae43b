import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { reviewImageDays, withClusterDefaults, type ManagedClusterProps } from "../props";
import { clusterProvider, type KubeClientLimits } from "../../kube/provider";
import { ArtifactRegistry } from "./artifactRegistry";
import { endpointAccess } from "../endpointAccess";
import type { ClusterWithRegistry, WorkloadIdentity } from "../types";
import { gkeClusterAccess, rbacSecurityGroup } from "./access";
import { gkeKubeconfig } from "./kubeconfig";
import { gkeLocation } from "./location";
import { createGkeNetwork, gkeRanges } from "./network";
import { createGkeNodePools } from "./nodePools";
import { maintenancePolicy } from "./maintenance";
import { createNodeServiceAccount } from "./nodeServiceAccount";
import { gcpProject } from "./project";
import { gkeSecretsKey } from "./secretsKey";
import { gkeBackupApi, gkeBackupPlan } from "./backupPlan";
import { withBackupDefaults } from "../backups";

/**
 * Logs sent to Cloud Logging: GKE's defaults (system components and the workloads' stdout/stderr) plus, with
 * controlPlaneLogs, the API server's. Naming the components replaces GKE's default list, so the defaults are kept.
 */
export function gkeLogComponents(controlPlaneLogs: boolean): string[] {
    return ["SYSTEM_COMPONENTS", "WORKLOADS", ...(controlPlaneLogs ? ["APISERVER"] : [])];
}

export interface GkeClusterArgs {
    /**
     * Region and zones (one zone: zonal cluster; otherwise regional), Kubernetes version (default: the
     * release channel's), node groups, `privateNodes` (default true), and who reaches the API:
     * `authorizedNetworks` + `deployerNetworks` are the CIDRs allowed to the public endpoint (none, the default,
     * leaves it open to every address, guarded by IAM alone); `deployFromVpc` adds the cluster subnet (where the
     * runners are), points the Kubernetes provider at the private endpoint and, with no other networks, switches
     * the public endpoint off. `admins` get roles/container.admin, `developers` roles/container.clusterViewer (and
     * RBAC in their namespaces). Hardening: `secretsEncryption` (Cloud KMS key of the stack), `controlPlaneLogs`,
     * `maintenanceWindow` for auto-upgrade and auto-repair.
     */
    cluster: ManagedClusterProps;
    /** Prod: STABLE channel (else REGULAR), deletion protection, and `protect` on network, cluster, pools, registry. @default false */
    prod?: boolean;
    /** Groups of webstack:access (`group:<email>`), which Google Groups for RBAC must also see. @default none */
    accessGroups?: string[];
    /**
     * IAM members whose unreviewed builds (pull requests', developers') push to the review registry, and only there.
     * @default none: no review registry
     */
    reviewPushers?: string[];
    /** Rate limits of the Kubernetes provider's client. @default kubeClientDefaults (infra/kube/provider.ts) */
    kubeClient?: KubeClientLimits;
}

/**
 * A VPC-native GKE cluster with private, Shielded nodes, workload identity and Dataplane V2 (which enforces
 * NetworkPolicies), one autoscaled node pool per node group running as a least-privilege service account,
 * and an Artifact Registry repository the nodes may pull from, whose tags are immutable. With reviewPushers, a second
 * repository (`<project>-review`) takes the unreviewed builds: its tags are mutable (each pull request pushes its own
 * commits; its stack runs them by digest), its images expire, and main's deploys never read it.
 */
export class GkeCluster extends pulumi.ComponentResource implements ClusterWithRegistry {
    readonly provider: k8s.Provider;
    readonly kubeconfig: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly endpoint: pulumi.Output<string>;
    readonly registry: pulumi.Output<string>;
    readonly reviewRegistry?: pulumi.Output<string>;
    /** GKE's default class, backed by the Compute Engine persistent disk CSI driver. */
    readonly storageClass = "standard-rwo";
    readonly loadBalancerAddresses = true;
    readonly cloud = "gcp" as const;
    /** GKE installs the standard Gateway API CRDs and keeps them at its version (on by itself from 1.34). */
    readonly gatewayApiCrds = "cloud" as const;
    readonly workloadIdentity: WorkloadIdentity;

    constructor(name: string, args: GkeClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:cluster:Gke", name, {}, opts);
        const config = withClusterDefaults(args.cluster);
        const prod = args.prod ?? false;
        const project = gcpProject();
        const where = gkeLocation(config);
        const protectedInProd = { parent: this, protect: prod };
        const access = endpointAccess(config);
        const authorized = [...access.allowedNetworks, ...(access.viaPrivateEndpoint ? [gkeRanges.nodes] : [])];
        const secrets = config.secretsEncryption ? gkeSecretsKey(name, { project, region: config.region, prod }, { parent: this }) : undefined;
        const securityGroup = rbacSecurityGroup(config.developers, args.accessGroups);
        const grants = gkeClusterAccess(name, { project, admins: config.admins, developers: config.developers }, { parent: this });

        const backups = withBackupDefaults(config.backups, prod);
        const backupApi = backups.enabled ? gkeBackupApi(name, project, { parent: this }) : undefined;
        const net = createGkeNetwork(name, { region: config.region, nat: config.privateNodes }, protectedInProd);
        const nodeAccount = createNodeServiceAccount(name, { project }, { parent: this });
        const registry = new ArtifactRegistry(name, {
            project,
            region: config.region,
            repositoryId: pulumi.getProject(),
            description: `Images built for ${name}`,
            readers: { nodes: nodeAccount.member },
        }, protectedInProd);
        const pushers = args.reviewPushers ?? [];
        const reviewRegistry = pushers.length > 0
            ? new ArtifactRegistry(`${name}-review`, {
                project,
                region: config.region,
                repositoryId: `${pulumi.getProject()}-review`,
                description: `Unreviewed builds (pull requests, developers) for the tenant stacks of ${name}`,
                readers: { nodes: nodeAccount.member },
                writers: Object.fromEntries(pushers.map((member, i) => [`pusher-${i}`, member])),
                immutableTags: false,
                deleteAfterDays: reviewImageDays,
            }, { parent: this })
            : undefined;

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
            // Node pools are managed below; GKE insists on creating a default pool first. Even for the minutes it
            // lives, it runs as the nodes' own account, not the Compute Engine default account (Editor on the project).
            removeDefaultNodePool: true,
            initialNodeCount: 1,
            nodeConfig: { serviceAccount: nodeAccount.account.email, oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"] },
            releaseChannel: { channel: prod ? "STABLE" : "REGULAR" },
            minMasterVersion: config.kubernetesVersion,
            workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
            enableShieldedNodes: true,
            datapathProvider: "ADVANCED_DATAPATH",
            // GKE installs and owns the standard Gateway API CRDs (from 1.34 it does so unasked); Traefik serves them.
            gatewayApiConfig: { channel: "CHANNEL_STANDARD" },
            privateClusterConfig: config.privateNodes
                ? { enablePrivateNodes: true, enablePrivateEndpoint: !access.publicEndpoint, masterIpv4CidrBlock: gkeRanges.controlPlane }
                : undefined,
            masterAuthorizedNetworksConfig: authorized.length > 0
                ? { cidrBlocks: authorized.map((cidrBlock) => ({ cidrBlock, displayName: cidrBlock })) }
                : undefined,
            addonsConfig: {
                gcePersistentDiskCsiDriverConfig: { enabled: true },
                ...(backups.enabled ? { gkeBackupAgentConfig: { enabled: true } } : {}),
            },
            databaseEncryption: secrets ? { state: "ENCRYPTED", keyName: secrets.key.id } : { state: "DECRYPTED" },
            loggingConfig: { enableComponents: gkeLogComponents(config.controlPlaneLogs) },
            maintenancePolicy: maintenancePolicy(config.maintenanceWindow),
            authenticatorGroupsConfig: securityGroup ? { securityGroup } : undefined,
            deletionProtection: prod,
        }, {
            ...protectedInProd,
            dependsOn: [...(secrets ? [secrets.grant] : []), ...(backupApi ? [backupApi] : []), ...nodeAccount.bindings],
            // The default pool is gone after creation: a later change here would only replace the cluster.
            ignoreChanges: ["nodeConfig"],
        });
        if (backupApi) gkeBackupPlan(name, { project, region: config.region, cluster: cluster.id, backups }, { ...protectedInProd, dependsOn: [backupApi] });

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
        this.reviewRegistry = reviewRegistry?.url;
        this.kubeconfig = pulumi.secret(
            pulumi.all([cluster.name, cluster.endpoint, cluster.privateClusterConfig, cluster.masterAuth]).apply(([clusterName, endpoint, privateConfig, masterAuth]) =>
                gkeKubeconfig({
                    project,
                    location: where.location,
                    name: clusterName,
                    // In-VPC runners use the private endpoint; its address is the control plane's peered one.
                    endpoint: access.viaPrivateEndpoint ? privateConfig!.privateEndpoint : endpoint,
                    caCertificate: masterAuth.clusterCaCertificate,
                })),
        );
        // The cluster is auto-named, so a new cluster has a new id: only then are the Kubernetes objects replaced.
        // The grants too: a destroy removes every Kubernetes object before the deployer loses its access to the API.
        this.provider = clusterProvider(name, { kubeconfig: this.kubeconfig, clusterIdentifier: cluster.id, kubeClient: args.kubeClient }, { parent: this, dependsOn: [...pools, ...grants] });
        this.registerOutputs({ name: this.name, endpoint: this.endpoint, registry: this.registry, reviewRegistry: this.reviewRegistry });
    }
}
