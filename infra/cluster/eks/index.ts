import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { reviewImageDays, withClusterDefaults, type ManagedClusterProps } from "../props";
import { clusterProvider, type KubeClientLimits } from "../../kube/provider";
import { EcrRepository } from "./ecrRepository";
import type { ClusterWithRegistry, WorkloadIdentity } from "../types";
import { endpointAccess } from "../endpointAccess";
import { clusterAccess } from "./access";
import { apiFromVpc } from "./apiFromVpc";
import { ClusterAutoscaler, discoveryTags } from "./clusterAutoscaler";
import { creatorWithoutBootstrapAccess } from "./creatorAccess";
import { ebsCsiDriver } from "./ebsCsiDriver";
import { partitionOf } from "./iam";
import { Network } from "./network";
import { coreAddons, metricsServerAddon } from "./addons";
import { controlPlaneLogGroup } from "./logGroup";
import { eksBackupPlan, ebsBackupTags } from "./backupPlan";
import { withBackupDefaults } from "../backups";
import { managedNodeGroup, nodeRole } from "./nodeGroups";
import { ecrRepositoryNames, eksClusterType, reviewRegistryName } from "./registryNames";
import { secretsKey } from "./secretsKey";
import { gp3StorageClass, gp3StorageClassName } from "./storageClass";
import { vpcCniAddon } from "./vpcCni";

export interface EksClusterArgs {
    /**
     * The cluster from config. On EKS its settings mean:
     * - `region`: must be the AWS provider's region (aws:region); every resource is created there.
     * - `zones`: availability zones (2 to 6) for one public and one private subnet each; default the region's
     *   first three available zones.
     * - `privateNodes` (default true): nodes run in the private subnets without public IPs and leave through
     *   NAT. When false they run in the public subnets with public IPs.
     * - `authorizedNetworks` + `deployerNetworks`: the CIDRs that may reach the public API endpoint. None (the
     *   default) means the endpoint is not IP-restricted (0.0.0.0/0) and IAM authentication alone guards it, as on
     *   GKE. The private endpoint is always on, so nodes and in-VPC clients never need the public one.
     * - `deployFromVpc`: the cluster security group admits HTTPS from the whole VPC, where the runners are; with no
     *   allowed networks the public endpoint is off.
     * - `admins` / `developers`: access entries (access.ts).
     * - `secretsEncryption` (default true): a KMS key of the stack envelope-encrypts Secrets.
     * - `controlPlaneLogs` (default true): api, audit and authenticator logs to CloudWatch.
     * - `kubernetesVersion`: control plane version; default EKS's current default. Upgrade policy STANDARD: a
     *   version past standard support is upgraded, never billed for extended support.
     * - `nodeGroups`: one EKS managed node group each, scaled by the cluster-autoscaler within min..max.
     */
    cluster: ManagedClusterProps;
    /** Prod: protects the network, cluster, node groups and registry, a NAT gateway per zone, PVC volumes retained. @default false */
    prod?: boolean;
    /** Images this stack builds and pushes (`<registry>/<image>`): ECR holds one repository per image. @default none */
    images?: string[];
    /**
     * IAM principal ARNs whose unreviewed builds (pull requests', developers') push to the review repositories
     * (`<reviewRegistry>/<image>`), and are denied any push to the others. @default none: no review repositories
     */
    reviewPushers?: string[];
    /** Rate limits of the Kubernetes provider's client. @default kubeClientDefaults (infra/kube/provider.ts) */
    kubeClient?: KubeClientLimits;
}

/** CIDRs allowed to the public API endpoint: the allowed networks, or any address (IAM-only) when none are set. */
export function publicAccessCidrs(allowedNetworks: string[]): string[] {
    return allowedNetworks.length > 0 ? allowedNetworks : ["0.0.0.0/0"];
}

/** Control-plane log types sent to CloudWatch: API requests, the audit trail and IAM authentication decisions. */
export const eksLogTypes = ["api", "audit", "authenticator"];

/**
 * An EKS cluster with everything PVCs and workloads need: its own VPC, managed node groups on a
 * least-privilege node role scaled by the cluster-autoscaler, IAM roles for service accounts (OIDC provider),
 * the vpc-cni add-on enforcing NetworkPolicies, the EBS CSI driver add-on behind the default `gp3` StorageClass, the
 * metrics-server add-on (HPAs need it),
 * access entries for the configured admins and developers, Secrets encrypted with a KMS key of the stack, and an
 * ECR repository for each image the stack builds.
 *
 * The cluster is named `<project>-<stack>`, as are the Kubernetes provider and the registry path: `registry`
 * is `<account>.dkr.ecr.<region>.amazonaws.com/<project>-<stack>`, and image `<name>` lives in repository
 * `<project>-<stack>/<name>`, so `<registry>/<name>` names it as on Artifact Registry. With reviewPushers, each image
 * also gets a review repository, `<project>-<stack>-review/<name>`, for the tenant stacks' unreviewed builds.
 */
export class EksCluster extends pulumi.ComponentResource implements ClusterWithRegistry {
    /**
     * Kubernetes provider from the cluster's kubeconfig; it waits for the node groups, the EBS CSI add-on and the
     * access entries. Its clusterIdentifier is the cluster's ARN (from its name), so a refreshed kubeconfig never
     * replaces the Kubernetes objects.
     * Before the cluster exists (first preview of a stack) its kubeconfig is unknown: typed resources on it
     * preview as creates, but the engine cannot construct remote components (helm.v4.Chart, yaml.v2) on a
     * provider with unknown configuration (pulumi#16331, pulumi-kubernetes#3027).
     */
    readonly provider: k8s.Provider;
    readonly kubeconfig: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly endpoint: pulumi.Output<string>;
    readonly storageClass = gp3StorageClassName;
    readonly loadBalancerAddresses = true;
    readonly cloud = "aws" as const;
    readonly registry: pulumi.Output<string>;
    readonly reviewRegistry?: pulumi.Output<string>;
    readonly workloadIdentity: WorkloadIdentity;

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super(eksClusterType, name, {}, opts);
        const config = withClusterDefaults(args.cluster);
        const prod = args.prod ?? false;
        const protect = prod;
        const access = endpointAccess(config);
        const backups = withBackupDefaults(config.backups, prod);

        const network = new Network(
            name,
            {
                clusterName: name,
                region: config.region,
                zones: config.zones,
                natGateways: prod ? "perZone" : "single",
                publicIpOnLaunch: !config.privateNodes,
                protect,
            },
            { parent: this },
        );

        const logGroup = config.controlPlaneLogs ? controlPlaneLogGroup(name, { retentionDays: config.controlPlaneLogDays, prod }, { parent: this }) : undefined;
        const cluster = new eks.Cluster(
            name,
            {
                // A fixed name is known before the cluster exists (subnet tags, outputs) and is the one operators guess.
                name,
                vpcId: network.vpcId,
                privateSubnetIds: network.privateSubnetIds,
                publicSubnetIds: network.publicSubnetIds,
                skipDefaultNodeGroup: true,
                nodeAssociatePublicIpAddress: false,
                // Access entries only, every one the stack's: the creator is an admin only through cluster.admins.
                authenticationMode: eks.AuthenticationMode.Api,
                createOidcProvider: true,
                endpointPrivateAccess: true,
                endpointPublicAccess: access.publicEndpoint,
                publicAccessCidrs: access.publicEndpoint ? publicAccessCidrs(access.allowedNetworks) : undefined,
                version: config.kubernetesVersion,
                upgradePolicy: { supportType: "STANDARD" },
                enabledClusterLogTypes: config.controlPlaneLogs ? eksLogTypes : [],
                encryptionConfigKeyArn: config.secretsEncryption ? secretsKey(name, { prod }, { parent: this }).arn : undefined,
                // The vpc-cni add-on is declared below (vpcCni.ts), with NetworkPolicy enforcement.
                useDefaultVpcCni: true,
                deletionProtection: prod,
            },
            // EKS writes into the log group with our retention instead of creating one that keeps everything.
            { parent: this, protect, dependsOn: logGroup ? [logGroup] : [], transforms: [creatorWithoutBootstrapAccess] },
        );
        if (config.deployFromVpc) apiFromVpc(name, { clusterSecurityGroupId: cluster.clusterSecurityGroupId }, { parent: this });
        const afterCluster = { parent: this, dependsOn: [cluster] };
        const vpcCni = vpcCniAddon(name, { clusterName: name, cluster, oidc: { arn: cluster.oidcProviderArn, issuer: cluster.oidcIssuer }, region: config.region }, { parent: this });
        const grants = clusterAccess(name, { clusterName: name, region: config.region, admins: config.admins, developers: config.developers }, afterCluster);

        const role = nodeRole(name, config.region, { parent: this });
        const nodeSubnetIds = config.privateNodes ? network.privateSubnetIds : network.publicSubnetIds;
        const nodeGroups = config.nodeGroups.map((group) =>
            managedNodeGroup(
                `${name}-${group.name}`,
                { cluster, group, role, subnetIds: nodeSubnetIds, tags: discoveryTags(name), after: [vpcCni] },
                { parent: this, protect },
            ),
        );

        const ebsCsi = ebsCsiDriver(
            name,
            {
                clusterName: name,
                oidc: { arn: cluster.oidcProviderArn, issuer: cluster.oidcIssuer },
                region: config.region,
                nodeGroups,
                volumeTags: backups.enabled ? ebsBackupTags(name) : undefined,
            },
            { parent: this },
        );

        if (backups.enabled) eksBackupPlan(name, { region: config.region, backups, prod }, { parent: this });
        const metricsServer = metricsServerAddon(name, { clusterName: name, nodeGroups }, { parent: this });
        const core = coreAddons(name, { clusterName: name, nodeGroups }, { parent: this });

        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        this.workloadIdentity = { cloud: "aws", region: config.region, oidc: { arn: cluster.oidcProviderArn, issuer: cluster.oidcIssuer } };
        this.kubeconfig = pulumi.secret(cluster.kubeconfigJson);
        this.provider = clusterProvider(
            name,
            { kubeconfig: this.kubeconfig, clusterIdentifier: pulumi.interpolate`arn:${partitionOf(config.region)}:eks:${config.region}:${account}:cluster/${name}`, kubeClient: args.kubeClient },
            // The apps' HorizontalPodAutoscalers read the metrics API from their first minute.
            { parent: this, dependsOn: [...nodeGroups, ebsCsi, metricsServer, ...core, ...grants.associations] },
        );
        gp3StorageClass(`${name}-${gp3StorageClassName}`, { prod }, { parent: this, provider: this.provider, dependsOn: [ebsCsi] });
        new ClusterAutoscaler(`${name}-cluster-autoscaler`, {
            clusterName: name,
            region: config.region,
            oidc: { arn: cluster.oidcProviderArn, issuer: cluster.oidcIssuer },
            provider: this.provider,
        }, { parent: this });

        const pushers = args.reviewPushers ?? [];
        for (const image of args.images ?? []) {
            const names = ecrRepositoryNames(name, image);
            new EcrRepository(names.resource, { repositoryName: names.repository, prod, pushers }, { parent: this });
            if (pushers.length > 0) {
                const review = ecrRepositoryNames(reviewRegistryName(name), image);
                new EcrRepository(review.resource, { repositoryName: review.repository, prod, review: true, expireAfterDays: reviewImageDays, pushers }, { parent: this });
            }
        }

        this.name = pulumi.output(name);
        this.endpoint = pulumi.unsecret(cluster.core.endpoint);
        this.registry = pulumi.interpolate`${account}.dkr.ecr.${config.region}.amazonaws.com/${name}`;
        this.reviewRegistry = pushers.length > 0 ? pulumi.interpolate`${account}.dkr.ecr.${config.region}.amazonaws.com/${reviewRegistryName(name)}` : undefined;
        this.registerOutputs({ name: this.name, endpoint: this.endpoint, registry: this.registry, reviewRegistry: this.reviewRegistry });
    }
}
