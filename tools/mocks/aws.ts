import { caCertificateBase64, digest, fakeAccountId, publicIp } from "../render/cloudValues";
import type { ComputeState, MockContext, MockTable } from "./types";

/**
 * What AWS computes for the resources the EKS cluster component registers, and the answers of the provider
 * functions it calls. Names the program leaves to Pulumi get an auto-name (`<logical name>-<7 hex>`).
 */

type Inputs = Record<string, unknown>;

function regionOf({ config }: MockContext): string {
    return config["aws:region"] ?? "us-east-1";
}

function physicalName(inputs: Inputs, logicalName: string): string {
    return String(inputs.name ?? `${logicalName}-${digest(logicalName, 7)}`);
}

/** An EC2-style id: `vpc-0123456789abcdef0`. */
const ec2Id = (prefix: string, seed: string) => `${prefix}-${digest(`${prefix}/${seed}`, 17)}`;

function arn(context: MockContext, service: string, resource: string, global = false): string {
    return `arn:aws:${service}:${global ? "" : regionOf(context)}:${fakeAccountId}:${resource}`;
}

/** EC2 resources: an id with the resource's prefix and the ARN built from it. */
function ec2(prefix: string, arnType: string, extra: (id: string, inputs: Inputs) => Inputs = () => ({})): ComputeState {
    return ({ name, inputs }, context) => {
        const id = ec2Id(prefix, name);
        return { id, arn: arn(context, "ec2", `${arnType}/${id}`), ownerId: fakeAccountId, ...extra(id, inputs) };
    };
}

const role: ComputeState = ({ name, inputs }, context) => {
    const roleName = physicalName(inputs, name);
    return {
        id: roleName,
        name: roleName,
        arn: arn(context, "iam", `role/${roleName}`, true),
        uniqueId: `AROA${digest(roleName, 17).toUpperCase()}`,
        createDate: "2025-01-01T00:00:00Z",
    };
};

const repository: ComputeState = ({ name, inputs }, context) => {
    const repositoryName = physicalName(inputs, name);
    return {
        id: repositoryName,
        name: repositoryName,
        arn: arn(context, "ecr", `repository/${repositoryName}`),
        registryId: fakeAccountId,
        repositoryUrl: `${fakeAccountId}.dkr.ecr.${regionOf(context)}.amazonaws.com/${repositoryName}`,
    };
};

const addon: ComputeState = ({ inputs }, context) => {
    const id = `${String(inputs.clusterName)}:${String(inputs.addonName)}`;
    return {
        id,
        arn: arn(context, "eks", `addon/${String(inputs.clusterName)}/${String(inputs.addonName)}/${digest(id, 8)}-${digest(id + "/v", 4)}`),
        addonVersion: String(inputs.addonVersion ?? "v1.44.0-eksbuild.1"),
        createdAt: "2025-01-01T00:00:00Z",
    };
};

/** The kubeconfig eks.Cluster generates: the API server, its CA, and `aws eks get-token` for credentials. */
function eksKubeconfig(clusterName: string, endpoint: string, region: string): Record<string, unknown> {
    return {
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "kubernetes", cluster: { server: endpoint, "certificate-authority-data": caCertificateBase64(endpoint) } }],
        contexts: [{ name: "aws", context: { cluster: "kubernetes", user: "aws" } }],
        "current-context": "aws",
        users: [
            {
                name: "aws",
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: ["eks", "get-token", "--cluster-name", clusterName, "--region", region, "--output", "json"],
                    },
                },
            },
        ],
    };
}

/** eks.Cluster is a remote component: under mocks its outputs are only what this returns. */
const eksCluster: ComputeState = ({ name, inputs }, context) => {
    const region = regionOf(context);
    const clusterName = physicalName(inputs, name);
    const oidcId = digest(`${clusterName}/oidc`, 32).toUpperCase();
    const endpoint = `https://${digest(`${clusterName}/endpoint`, 32).toUpperCase()}.gr7.${region}.eks.amazonaws.com`;
    const issuer = `oidc.eks.${region}.amazonaws.com/id/${oidcId}`;
    const kubeconfig = eksKubeconfig(clusterName, endpoint, region);
    return {
        kubeconfig,
        kubeconfigJson: JSON.stringify(kubeconfig),
        oidcIssuer: issuer,
        oidcProviderUrl: `https://${issuer}`,
        oidcProviderArn: arn(context, "iam", `oidc-provider/${issuer}`, true),
        clusterSecurityGroupId: ec2Id("sg", `${clusterName}/cluster`),
        nodeSecurityGroupId: ec2Id("sg", `${clusterName}/node`),
        core: {
            endpoint,
            vpcId: inputs.vpcId,
            subnetIds: [...((inputs.privateSubnetIds as string[]) ?? []), ...((inputs.publicSubnetIds as string[]) ?? [])],
            privateSubnetIds: inputs.privateSubnetIds,
            publicSubnetIds: inputs.publicSubnetIds,
            instanceRoles: [],
        },
        autoModeNodeRoleName: "",
        defaultNodeGroupAsgName: "",
        clusterIngressRuleId: "",
        fargateProfileId: "",
        fargateProfileStatus: "",
    };
};

const availabilityZones = (_: unknown, context: MockContext) => {
    const region = regionOf(context);
    const [area, direction = "", number = ""] = region.split("-");
    const letters = ["a", "b", "c"];
    return {
        id: region,
        names: letters.map((l) => `${region}${l}`),
        zoneIds: letters.map((_, i) => `${area}${direction.charAt(0)}${number}-az${i + 1}`),
        groupNames: [region],
    };
};

const kmsKey: ComputeState = ({ name }, context) => {
    const keyId = `${digest(`${name}/a`, 8)}-${digest(`${name}/b`, 4)}-${digest(`${name}/c`, 4)}-${digest(`${name}/d`, 4)}-${digest(`${name}/e`, 12)}`;
    return { id: keyId, keyId, arn: arn(context, "kms", `key/${keyId}`) };
};

/** Access entries and their policy associations: `<cluster>:<principal>` ids, as the provider reports them. */
const accessEntry: ComputeState = ({ inputs }, context) => {
    const id = `${String(inputs.clusterName)}:${String(inputs.principalArn)}`;
    return { id, accessEntryArn: arn(context, "eks", `access-entry/${String(inputs.clusterName)}/${digest(id, 12)}`), userName: String(inputs.principalArn) };
};

export const awsMocks: MockTable = {
    resources: {
        "aws:ec2/vpc:Vpc": ec2("vpc", "vpc", (id) => ({
            defaultRouteTableId: ec2Id("rtb", `${id}/default`),
            mainRouteTableId: ec2Id("rtb", `${id}/default`),
            defaultSecurityGroupId: ec2Id("sg", `${id}/default`),
            defaultNetworkAclId: ec2Id("acl", `${id}/default`),
            dhcpOptionsId: ec2Id("dopt", id),
        })),
        "aws:ec2/subnet:Subnet": ec2("subnet", "subnet"),
        "aws:ec2/internetGateway:InternetGateway": ec2("igw", "internet-gateway"),
        "aws:ec2/eip:Eip": ec2("eipalloc", "elastic-ip", (id) => ({
            allocationId: id,
            publicIp: publicIp(id),
            publicDns: `ec2-${publicIp(id).replaceAll(".", "-")}.compute.amazonaws.com`,
        })),
        "aws:ec2/natGateway:NatGateway": ec2("nat", "natgateway", (id, inputs) => ({
            publicIp: publicIp(String(inputs.allocationId)),
            privateIp: `10.0.192.${(parseInt(digest(id, 2), 16) % 200) + 10}`,
            networkInterfaceId: ec2Id("eni", id),
        })),
        "aws:ec2/routeTable:RouteTable": ec2("rtb", "route-table"),
        "aws:cloudwatch/logGroup:LogGroup": ({ inputs }, context) => ({ id: String(inputs.name), arn: arn(context, "logs", `log-group:${String(inputs.name)}`) }),
        "aws:ec2/vpcEndpoint:VpcEndpoint": ec2("vpce", "vpc-endpoint"),
        "aws:ec2/launchTemplate:LaunchTemplate": ec2("lt", "launch-template", () => ({ latestVersion: 1, defaultVersion: 1 })),
        "aws:ec2/routeTableAssociation:RouteTableAssociation": ({ name }) => ({ id: ec2Id("rtbassoc", name) }),
        "aws:iam/role:Role": role,
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ({ name }) => ({ id: `${name}-${digest(name, 14)}` }),
        "aws:eks/addon:Addon": addon,
        "aws:ecr/repository:Repository": repository,
        "aws:ecr/lifecyclePolicy:LifecyclePolicy": ({ inputs }) => ({ id: String(inputs.repository), registryId: fakeAccountId }),
        "eks:index:Cluster": eksCluster,
        "aws:kms/key:Key": kmsKey,
        "aws:kms/alias:Alias": ({ inputs }, context) => ({ id: String(inputs.name), arn: arn(context, "kms", String(inputs.name)) }),
        "aws:eks/accessEntry:AccessEntry": accessEntry,
        "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": ({ inputs }) => ({
            id: `${String(inputs.clusterName)}#${String(inputs.principalArn)}#${String(inputs.policyArn)}`,
            associatedAt: "2025-01-01T00:00:00Z",
        }),
        "aws:ec2/securityGroupRule:SecurityGroupRule": ({ name }) => ({ id: ec2Id("sgrule", name), securityGroupRuleId: ec2Id("sgr", name) }),
        "aws:iam/rolePolicy:RolePolicy": ({ name, inputs }) => ({ id: `${String(inputs.role)}:${name}`, name }),
    },
    calls: {
        "aws:index/getAvailabilityZones:getAvailabilityZones": availabilityZones,
        "aws:index/getCallerIdentity:getCallerIdentity": () => ({ id: fakeAccountId, accountId: fakeAccountId, arn: `arn:aws:iam::${fakeAccountId}:user/offline`, userId: "AIDAOFFLINE" }),
    },
};
