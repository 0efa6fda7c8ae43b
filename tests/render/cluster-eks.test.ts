import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { awsMocks } from "../../tools/mocks/aws";
import type { RecordedResource } from "../../tools/render/recorder";
import { ConfigError } from "../../infra/config/errors";
import { render as renderOffline, type RenderResult } from "../../tools/render/render";
import { awsRegion, eksDeployer, ofType, one, onEks, ref, renderStack, testImageTag } from "../support/render";

const region = awsRegion;
const account = "123456789012";

const devGroups = [
    { name: "general", machineType: "t3.medium", minNodes: 1, maxNodes: 3, spot: true, labels: { "webstack.dev/pool": "general" } },
];
const prodGroups = [
    { name: "general", machineType: "m6i.large", minNodes: 2, maxNodes: 4, diskSizeGb: 80 },
    {
        name: "burst",
        machineType: "t3.large",
        minNodes: 0,
        maxNodes: 10,
        spot: true,
        labels: { "webstack.dev/capacity": "spot" },
        taints: [{ key: "webstack.dev/spot", value: "true", effect: "PreferNoSchedule" }],
    },
];

const devConfig = onEks("dev", { zones: ["eu-west-1a", "eu-west-1b"], nodeGroups: devGroups });
const prodConfig = onEks("prod", {
    zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    authorizedNetworks: ["203.0.113.0/24"],
    deployerNetworks: ["198.51.100.0/28"],
    admins: [eksDeployer],
    nodeGroups: prodGroups,
});
const dev = () => renderStack("dev", { configFile: devConfig });
const prod = () => renderStack("prod", { configFile: prodConfig });

/** What the mock cloud computed for a recorded resource (ids, ARNs, outputs of remote components). */
function cloudState(resource: RecordedResource): Record<string, unknown> {
    const compute = awsMocks.resources[resource.type];
    assert.ok(compute, `no AWS mock for ${resource.type}`);
    return compute(
        { type: resource.type, name: resource.name, inputs: resource.inputs, provider: "", id: "", custom: resource.custom },
        { stack: "test", project: "webstack", config: { "aws:region": region } },
    );
}

const idOf = (resource: RecordedResource) => String(cloudState(resource).id);
const subnets = (result: RenderResult, kind: "public" | "private") =>
    ofType(result, "aws:ec2/subnet:Subnet").filter((s) => s.name.includes(`-${kind}-`));
const policiesOf = (result: RenderResult, role: RecordedResource) =>
    ofType(result, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
        .filter((a) => a.dependsOn.includes(ref(role)))
        .map((a) => String(a.inputs.policyArn))
        .sort();

for (const [stack, render, groups] of [
    ["dev", dev, devGroups],
    ["prod", prod, prodGroups],
] as const) {
    describe(`EKS cluster, ${stack} stack on aws`, () => {
        const name = `webstack-${stack}`;

        it("creates nothing on GCP and one EKS cluster, named after the stack", async () => {
            const result = await render();
            assert.deepEqual(result.resources.filter((r) => r.type.startsWith("gcp:")).map(ref), []);
            const cluster = one(result, "eks:index:Cluster");
            assert.equal(cluster.name, name);
            assert.equal(cluster.inputs.name, name);
            assert.equal(cluster.remote, true);
            assert.equal(cluster.parent, `webstack:cluster:Eks::${name}`);
        });

        it("configures the control plane: no default node group, API auth, OIDC provider, logs", async () => {
            const { inputs } = one(await render(), "eks:index:Cluster");
            assert.equal(inputs.skipDefaultNodeGroup, true);
            assert.equal(inputs.createOidcProvider, true);
            assert.equal(inputs.authenticationMode, "API");
            assert.equal(inputs.nodeAssociatePublicIpAddress, false);
            assert.deepEqual(inputs.enabledClusterLogTypes, ["api", "audit", "authenticator"]);
            assert.equal(inputs.version, undefined);
        });

        it("the control-plane logs expire: their log group exists before the cluster, with the configured retention", async () => {
            const result = await render();
            const group = one(result, "aws:cloudwatch/logGroup:LogGroup", `${name}-control-plane`);
            // The name EKS writes to: with it taken, EKS does not create its own group that keeps everything.
            assert.equal(group.inputs.name, `/aws/eks/${name}/cluster`);
            assert.equal(group.inputs.retentionInDays, 90);
            assert.ok(one(result, "eks:index:Cluster").dependsOn.includes(ref(group)), "the cluster waits for it");
            assert.equal(group.protect, stack === "prod");
        });

        it("keeps the private endpoint on and limits the public one to the authorized networks (everyone, IAM-only, when none)", async () => {
            const { inputs } = one(await render(), "eks:index:Cluster");
            assert.equal(inputs.endpointPrivateAccess, true);
            assert.equal(inputs.endpointPublicAccess, true);
            assert.deepEqual(inputs.publicAccessCidrs, stack === "prod" ? ["203.0.113.0/24", "198.51.100.0/28"] : ["0.0.0.0/0"]);
        });

        it("puts the cluster in its own VPC with private subnets for nodes and public ones for load balancers", async () => {
            const result = await render();
            const { inputs } = one(result, "eks:index:Cluster");
            const vpc = one(result, "aws:ec2/vpc:Vpc");
            assert.equal(inputs.vpcId, idOf(vpc));
            assert.equal(vpc.inputs.enableDnsHostnames, true);
            assert.equal(vpc.inputs.enableDnsSupport, true);
            assert.deepEqual(inputs.privateSubnetIds, subnets(result, "private").map(idOf));
            assert.deepEqual(inputs.publicSubnetIds, subnets(result, "public").map(idOf));
        });

        it("has one public and one private subnet per zone, tagged for external and internal load balancers", async () => {
            const result = await render();
            const zones = stack === "prod" ? ["eu-west-1a", "eu-west-1b", "eu-west-1c"] : ["eu-west-1a", "eu-west-1b"];
            for (const [kind, role] of [
                ["public", "kubernetes.io/role/elb"],
                ["private", "kubernetes.io/role/internal-elb"],
            ] as const) {
                const found = subnets(result, kind);
                assert.deepEqual(found.map((s) => s.inputs.availabilityZone), zones, kind);
                for (const s of found) {
                    const tags = s.inputs.tags as Record<string, string>;
                    assert.equal(tags[role], "1", `${s.name} ${role}`);
                    assert.equal(tags[`kubernetes.io/cluster/${name}`], "shared", s.name);
                    assert.equal(s.inputs.mapPublicIpOnLaunch, false, s.name);
                }
            }
        });

        it("routes public subnets to the internet gateway and private ones through NAT (one in dev, one per zone in prod)", async () => {
            const result = await render();
            const gateway = one(result, "aws:ec2/internetGateway:InternetGateway");
            const nats = ofType(result, "aws:ec2/natGateway:NatGateway");
            assert.equal(nats.length, stack === "prod" ? 3 : 1);
            const eips = ofType(result, "aws:ec2/eip:Eip");
            assert.deepEqual(nats.map((n) => n.inputs.allocationId).sort(), eips.map(idOf).sort());
            const publicIds = subnets(result, "public").map(idOf);
            for (const n of nats) assert.ok(publicIds.includes(String(n.inputs.subnetId)), `${n.name} sits in a public subnet`);

            const tables = ofType(result, "aws:ec2/routeTable:RouteTable");
            const defaultRoute = (t: RecordedResource) => (t.inputs.routes as Record<string, string>[]).find((r) => r.cidrBlock === "0.0.0.0/0");
            const publicTable = tables.find((t) => t.name === `${name}-public`)!;
            assert.equal(defaultRoute(publicTable)?.gatewayId, idOf(gateway));
            const privateTables = tables.filter((t) => t.name.startsWith(`${name}-private-`));
            assert.equal(privateTables.length, subnets(result, "private").length);
            const natIds = nats.map(idOf);
            for (const t of privateTables) assert.ok(natIds.includes(String(defaultRoute(t)?.natGatewayId)), `${t.name} egress via NAT`);
            const associated = ofType(result, "aws:ec2/routeTableAssociation:RouteTableAssociation").map((a) => a.inputs.subnetId);
            assert.deepEqual([...associated].sort(), [...publicIds, ...subnets(result, "private").map(idOf)].sort());
        });

        it("nodes pull image layers from S3 (where ECR keeps them) through a gateway endpoint on every private route table, not the NAT", async () => {
            const result = await render();
            const endpoint = one(result, "aws:ec2/vpcEndpoint:VpcEndpoint");
            assert.equal(endpoint.inputs.serviceName, `com.amazonaws.${region}.s3`);
            assert.equal(endpoint.inputs.vpcEndpointType, "Gateway");
            const privateTables = ofType(result, "aws:ec2/routeTable:RouteTable").filter((t) => t.name.startsWith(`${name}-private-`));
            assert.deepEqual([...(endpoint.inputs.routeTableIds as string[])].sort(), privateTables.map(idOf).sort());
        });

        it("creates one managed node group per configured group, in the private subnets", async () => {
            const result = await render();
            const cluster = one(result, "eks:index:Cluster");
            const role = one(result, "aws:iam/role:Role", `${name}-node`);
            const nodeGroups = ofType(result, "eks:index:ManagedNodeGroup");
            assert.deepEqual(nodeGroups.map((g) => g.name), groups.map((g) => `${name}-${g.name}`));
            for (const group of groups) {
                const { inputs } = one(result, "eks:index:ManagedNodeGroup", `${name}-${group.name}`);
                assert.equal(inputs.cluster, ref(cluster));
                assert.equal(inputs.nodeRole, ref(role));
                assert.deepEqual(inputs.instanceTypes, [group.machineType]);
                assert.equal(inputs.capacityType, "spot" in group && group.spot ? "SPOT" : "ON_DEMAND");
                assert.deepEqual(inputs.scalingConfig, {
                    minSize: group.minNodes,
                    maxSize: group.maxNodes,
                    desiredSize: Math.max(group.minNodes, 1),
                });
                assert.equal(inputs.diskSize, undefined, "the disk is the launch template's (EKS refuses both)");
                const template = one(result, "aws:ec2/launchTemplate:LaunchTemplate", `${name}-${group.name}`);
                assert.deepEqual(inputs.launchTemplate, { id: cloudState(template).id, version: String(cloudState(template).latestVersion) });
                assert.deepEqual(template.inputs.blockDeviceMappings, [{
                    deviceName: "/dev/xvda",
                    ebs: { volumeSize: "diskSizeGb" in group ? group.diskSizeGb : 50, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" },
                }]);
                assert.equal(template.inputs.imageId, undefined, "EKS picks its optimized AMI and bootstraps the node");
                assert.equal(template.inputs.userData, undefined);
                assert.deepEqual(inputs.labels, "labels" in group ? group.labels : undefined);
                assert.deepEqual(inputs.subnetIds, cluster.inputs.privateSubnetIds);
            }
            if (stack === "prod") {
                const burst = one(result, "eks:index:ManagedNodeGroup", `${name}-burst`);
                assert.deepEqual(burst.inputs.taints, [{ key: "webstack.dev/spot", value: "true", effect: "PREFER_NO_SCHEDULE" }]);
            }
        });

        it("gives nodes a role with exactly the two node policies (no CNI permissions), attached before any node group starts", async () => {
            const result = await render();
            const role = one(result, "aws:iam/role:Role", `${name}-node`);
            const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
            assert.deepEqual(trust.Statement, [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
            assert.deepEqual(policiesOf(result, role), [
                "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
                "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
            ]);
            const attachments = ofType(result, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.dependsOn.includes(ref(role)));
            for (const group of ofType(result, "eks:index:ManagedNodeGroup")) {
                for (const a of attachments) assert.ok(group.dependsOn.includes(ref(a)), `${group.name} waits for ${a.name}`);
            }
        });

        it("pods cannot read the node role's credentials: every node's metadata needs an IMDSv2 token that travels one hop", async () => {
            const result = await render();
            const groups = ofType(result, "eks:index:ManagedNodeGroup");
            const templates = new Map(ofType(result, "aws:ec2/launchTemplate:LaunchTemplate").map((t) => [cloudState(t).id, t]));
            for (const group of groups) {
                const template = templates.get((group.inputs.launchTemplate as { id: string } | undefined)?.id);
                assert.ok(template, `${group.name} starts from a launch template of ours`);
                assert.equal(group.inputs.enableIMDSv2, undefined, "not @pulumi/eks's own template (hop limit 2)");
                const metadata = template.inputs.metadataOptions as Record<string, unknown>;
                assert.equal(metadata.httpTokens, "required", "IMDSv1 (no token) is off");
                assert.equal(metadata.httpPutResponseHopLimit, 1, "a pod's network namespace is a second hop: no token reaches it");
                assert.notEqual(metadata.httpEndpoint, "disabled", "host-network agents (aws-node) still read it");
            }
        });

        it("only the aws-node service account holds the VPC CNI's permissions, through IRSA; the add-on waits for them", async () => {
            const result = await render();
            const cni = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";
            const holders = ofType(result, "aws:iam/role:Role").filter((role) => policiesOf(result, role).includes(cni));
            assert.deepEqual(holders.map((r) => r.name), [`${name}-vpc-cni`]);
            const [role] = holders;
            assert.deepEqual(policiesOf(result, role), [cni]);
            const { oidcProviderArn, oidcIssuer } = cloudState(one(result, "eks:index:Cluster"));
            const [statement, ...others] = JSON.parse(String(role.inputs.assumeRolePolicy)).Statement;
            assert.deepEqual(others, []);
            assert.deepEqual(statement.Principal, { Federated: oidcProviderArn });
            assert.equal(statement.Condition.StringEquals[`${oidcIssuer}:sub`], "system:serviceaccount:kube-system:aws-node");
            const addon = one(result, "aws:eks/addon:Addon", `${name}-vpc-cni`);
            assert.equal(addon.inputs.serviceAccountRoleArn, cloudState(role).arn);
            const attachment = ofType(result, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").find((a) => a.dependsOn.includes(ref(role)) || a.inputs.role === cloudState(role).id || a.inputs.role === role.inputs.name);
            assert.ok(attachment && addon.dependsOn.includes(ref(attachment)), "the add-on starts with its permissions in place");
            for (const group of ofType(result, "eks:index:ManagedNodeGroup")) assert.ok(group.dependsOn.includes(ref(addon)), `${group.name} waits for the CNI`);
        });

        it("installs the EBS CSI driver add-on with an IRSA role only its controller's service account can assume", async () => {
            const result = await render();
            const cluster = one(result, "eks:index:Cluster");
            const addon = one(result, "aws:eks/addon:Addon", `${name}-ebs-csi-driver`);
            const role = one(result, "aws:iam/role:Role", `${name}-ebs-csi-driver`);
            assert.equal(addon.inputs.addonName, "aws-ebs-csi-driver");
            assert.equal(addon.inputs.clusterName, name);
            assert.equal(addon.inputs.serviceAccountRoleArn, cloudState(role).arn);
            assert.deepEqual(policiesOf(result, role), ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"]);

            const { oidcProviderArn, oidcIssuer } = cloudState(cluster);
            const [statement, ...others] = JSON.parse(String(role.inputs.assumeRolePolicy)).Statement;
            assert.deepEqual(others, []);
            assert.equal(statement.Effect, "Allow");
            assert.equal(statement.Action, "sts:AssumeRoleWithWebIdentity");
            assert.deepEqual(statement.Principal, { Federated: oidcProviderArn });
            assert.deepEqual(statement.Condition, {
                StringEquals: {
                    [`${oidcIssuer}:sub`]: "system:serviceaccount:kube-system:ebs-csi-controller-sa",
                    [`${oidcIssuer}:aud`]: "sts.amazonaws.com",
                },
            });
            for (const group of ofType(result, "eks:index:ManagedNodeGroup")) assert.ok(addon.dependsOn.includes(ref(group)), `add-on waits for ${group.name}`);
        });

        it("makes encrypted gp3 the default StorageClass, on the cluster's provider, after the add-on", async () => {
            const result = await render();
            const provider = one(result, "pulumi:providers:kubernetes", name);
            const addon = one(result, "aws:eks/addon:Addon", `${name}-ebs-csi-driver`);
            const storageClass = one(result, "kubernetes:storage.k8s.io/v1:StorageClass");
            const { inputs } = storageClass;
            assert.equal(storageClass.provider, ref(provider));
            assert.ok(storageClass.dependsOn.includes(ref(addon)));
            assert.deepEqual(inputs.metadata, { name: "gp3", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } });
            assert.equal(inputs.provisioner, "ebs.csi.aws.com");
            assert.deepEqual(inputs.parameters, { type: "gp3", encrypted: "true" });
            assert.equal(inputs.volumeBindingMode, "WaitForFirstConsumer");
            assert.equal(inputs.allowVolumeExpansion, true);
            assert.equal(inputs.reclaimPolicy, stack === "prod" ? "Retain" : "Delete");
        });

        it("builds the Kubernetes provider from the kubeconfig, after the node groups and the add-on", async () => {
            const result = await render();
            const provider = one(result, "pulumi:providers:kubernetes", name);
            assert.equal(provider.parent, `webstack:cluster:Eks::${name}`);
            assert.equal(provider.inputs.kubeconfig, "[secret]");
            assert.equal(provider.inputs.enableServerSideApply, "true");
            const waitsFor = [...ofType(result, "eks:index:ManagedNodeGroup"), one(result, "aws:eks/addon:Addon", `${name}-ebs-csi-driver`), one(result, "eks:index:Cluster")];
            for (const r of waitsFor) assert.ok(provider.dependsOn.includes(ref(r)), `provider waits for ${ref(r)}`);
        });

        it("creates an immutable, scanned, encrypted ECR repository with a lifecycle policy for the image it builds", async () => {
            const result = await render();
            const repository = one(result, "aws:ecr/repository:Repository", `${name}-web-server`);
            const images = ofType(result, "aws:ecr/repository:Repository").filter((r) => !r.name.startsWith(`${name}-review-`));
            assert.deepEqual(images.map((r) => r.name), [`${name}-web-server`], "web-server is the only app with `build` and no `image`");
            assert.equal(repository.inputs.name, `${name}/web-server`);
            assert.equal(repository.inputs.imageTagMutability, "IMMUTABLE");
            assert.deepEqual(repository.inputs.imageScanningConfiguration, { scanOnPush: true });
            assert.deepEqual(repository.inputs.encryptionConfigurations, [{ encryptionType: "AES256" }]);
            assert.equal(repository.inputs.forceDelete, stack !== "prod");
            const lifecycle = one(result, "aws:ecr/lifecyclePolicy:LifecyclePolicy", `${name}-web-server`);
            assert.equal(lifecycle.inputs.repository, `${name}/web-server`);
            const [rule] = JSON.parse(String(lifecycle.inputs.policy)).rules;
            assert.deepEqual(rule.selection, { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 50 });
            assert.deepEqual(rule.action, { type: "expire" });
        });

        it("exports the registry as the prefix of image names, so <registry>/web-server is the repository pods pull", async () => {
            const result = await render();
            assert.equal(result.outputs.registry, `${account}.dkr.ecr.${region}.amazonaws.com/${name}`);
            const repositoryUrl = String(cloudState(one(result, "aws:ecr/repository:Repository", `${name}-web-server`)).repositoryUrl);
            assert.equal(repositoryUrl, `${result.outputs.registry}/web-server`);
            const deployment = one(result, "kubernetes:apps/v1:Deployment", "web-server");
            const [container] = (deployment.inputs as { spec: { template: { spec: { containers: { image: string }[] } } } }).spec.template.spec.containers;
            assert.equal(container.image, `${repositoryUrl}:${testImageTag}`);
            assert.equal((result.outputs.apps as Record<string, { image: string }>)["web-server"].image, container.image);
        });

        it("exports the kubeconfig as a secret, the cluster name and the API endpoint", async () => {
            const { outputs } = await render();
            assert.equal(outputs.kubeconfig, "[secret]");
            assert.equal(outputs.clusterName, name);
            assert.match(String(outputs.endpoint), new RegExp(`^https://[0-9A-F]{32}\\.gr7\\.${region}\\.eks\\.amazonaws\\.com$`));
        });

        it(stack === "prod" ? "protects the network, cluster, node groups and registry" : "protects nothing", async () => {
            const result = await render();
            const stateful = [
                "aws:ec2/vpc:Vpc",
                "aws:ec2/subnet:Subnet",
                "aws:ec2/internetGateway:InternetGateway",
                "aws:ec2/natGateway:NatGateway",
                "aws:ec2/eip:Eip",
                "eks:index:Cluster",
                "eks:index:ManagedNodeGroup",
                "aws:ecr/repository:Repository",
            ].flatMap((type) => ofType(result, type));
            assert.ok(stateful.length >= 10);
            for (const r of stateful) assert.equal(r.protect, stack === "prod", ref(r));
            assert.equal(one(result, "eks:index:Cluster").inputs.deletionProtection, stack === "prod");
            if (stack === "dev") {
                const awsProtected = result.resources.filter((r) => r.protect && /^(aws|eks):/.test(r.type));
                assert.deepEqual(awsProtected.map(ref), []);
            }
        });
    });
}

describe("EKS cluster without zones, with public nodes", () => {
    const configFile = onEks("dev", { zones: undefined, privateNodes: false, kubernetesVersion: "1.32", nodeGroups: devGroups });
    const render = () => renderStack("dev", { configFile });

    it("uses the region's first three available zones (from getAvailabilityZones)", async () => {
        const result = await render();
        for (const kind of ["public", "private"] as const) {
            assert.deepEqual(subnets(result, kind).map((s) => s.inputs.availabilityZone), ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
        }
    });

    it("runs nodes in the public subnets, which then give instances public IPs", async () => {
        const result = await render();
        const group = one(result, "eks:index:ManagedNodeGroup");
        assert.deepEqual(group.inputs.subnetIds, subnets(result, "public").map(idOf));
        for (const s of subnets(result, "public")) assert.equal(s.inputs.mapPublicIpOnLaunch, true, s.name);
        for (const s of subnets(result, "private")) assert.equal(s.inputs.mapPublicIpOnLaunch, false, s.name);
        assert.equal(one(result, "eks:index:Cluster").inputs.endpointPrivateAccess, true);
    });

    it("passes the configured Kubernetes version", async () => {
        assert.equal(one(await render(), "eks:index:Cluster").inputs.version, "1.32");
    });
});

describe("EKS cluster with a single zone", () => {
    it("fails the render with a config error naming cluster.zones, before any resource is registered", async () => {
        const configFile = onEks("dev", { zones: ["eu-west-1a"], nodeGroups: devGroups });
        const error = await renderOffline({ stack: "dev", configFile }).then(() => assert.fail("the render succeeded"), (e: unknown) => e);
        assert.ok(error instanceof ConfigError, String(error));
        assert.match(error.message, /webstack:cluster\.zones: must list 2 to 6 zones: EKS needs subnets in two availability zones at least \(got 1\)/);
    });
});

describe("EKS: the cluster-autoscaler matches the cluster's Kubernetes minor", () => {
    it("a pinned kubernetesVersion of another minor is a config error naming the fix; the autoscaler's own minor is accepted", async () => {
        await assert.rejects(renderOffline({ stack: "dev", configFile: onEks("dev", { kubernetesVersion: "1.33" }) }), (err: Error) => {
            assert.ok(err instanceof ConfigError);
            assert.match(err.message, /webstack:cluster\.kubernetesVersion: is not what the pinned cluster-autoscaler \(v1\.32\.0\) supports: pin 1\.32, or move clusterAutoscalerChart/);
            return true;
        });
        const result = await renderStack("dev", { configFile: onEks("dev", { kubernetesVersion: "1.32" }) });
        assert.equal(one(result, "eks:index:Cluster").inputs.version, "1.32");
    });
});
