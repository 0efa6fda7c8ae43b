import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { serviceAccountRole, type OidcProvider } from "./irsa";
import { clusterAutoscalerChart, pinnedChartArgs } from "../../kube/helmCharts";

/** The service account the autoscaler runs as; its IRSA role trusts exactly this one. */
export const clusterAutoscalerServiceAccount = { namespace: "kube-system", name: "cluster-autoscaler" };

/**
 * The ASG tags the autoscaler discovers node groups by. EKS puts them on a managed node group's Auto Scaling group
 * itself; the node groups carry them too, so the discovery contract is visible in the program.
 */
export function discoveryTags(clusterName: string): Record<string, string> {
    return { "k8s.io/cluster-autoscaler/enabled": "true", [`k8s.io/cluster-autoscaler/${clusterName}`]: "owned" };
}

/**
 * What the autoscaler may do in AWS (its documented minimum): read groups, instance types and managed node groups
 * (labels and taints for scale-from-zero), and resize or shrink only the groups of this cluster.
 */
export function clusterAutoscalerPolicy(clusterName: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: [
                    "autoscaling:DescribeAutoScalingGroups",
                    "autoscaling:DescribeAutoScalingInstances",
                    "autoscaling:DescribeLaunchConfigurations",
                    "autoscaling:DescribeScalingActivities",
                    "autoscaling:DescribeTags",
                    "ec2:DescribeImages",
                    "ec2:DescribeInstanceTypes",
                    "ec2:DescribeLaunchTemplateVersions",
                    "ec2:GetInstanceTypesFromInstanceRequirements",
                    "eks:DescribeNodegroup",
                ],
                Resource: "*",
            },
            {
                Effect: "Allow",
                Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
                Resource: "*",
                Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: "owned" } },
            },
        ],
    });
}

/** Chart values: auto-discovery of this cluster's groups, the IRSA role, hardened pods on on-demand nodes. */
export function clusterAutoscalerValues(args: { clusterName: string; region: string; roleArn: pulumi.Input<string> }): Record<string, unknown> {
    return {
        cloudProvider: "aws",
        awsRegion: args.region,
        autoDiscovery: { clusterName: args.clusterName },
        fullnameOverride: clusterAutoscalerServiceAccount.name,
        image: { tag: clusterAutoscalerChart.image },
        rbac: {
            serviceAccount: {
                create: true,
                name: clusterAutoscalerServiceAccount.name,
                annotations: { "eks.amazonaws.com/role-arn": args.roleArn },
            },
        },
        extraArgs: {
            // minNodes/maxNodes of each group are its ASG's bounds: the autoscaler keeps within them.
            "balance-similar-node-groups": true,
            expander: "least-waste",
            "skip-nodes-with-local-storage": false,
        },
        // On on-demand nodes where there are any (spot groups beside them carry the spot taint, which it does not
        // tolerate), on a spot node only on a cluster of spot groups; never evicted by its own scale-down.
        affinity: {
            nodeAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [{
                    weight: 100,
                    preference: { matchExpressions: [{ key: "eks.amazonaws.com/capacityType", operator: "In", values: ["ON_DEMAND"] }] },
                }],
            },
        },
        podAnnotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" },
        resources: { requests: { cpu: "100m", memory: "300Mi" }, limits: { cpu: "500m", memory: "600Mi" } },
        securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } },
        containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
    };
}

export interface ClusterAutoscalerArgs {
    clusterName: string;
    region: string;
    oidc: OidcProvider;
    provider: k8s.Provider;
}

/**
 * cluster-autoscaler for the EKS managed node groups: it grows a group when pods are unschedulable and shrinks it
 * when nodes are idle, always within the group's minNodes..maxNodes. AWS access through its own IRSA role.
 */
export class ClusterAutoscaler extends pulumi.ComponentResource {
    readonly role: aws.iam.Role;
    readonly policy: aws.iam.RolePolicy;
    readonly chart: k8s.helm.v4.Chart;

    constructor(name: string, args: ClusterAutoscalerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:cluster:ClusterAutoscaler", name, {}, opts);
        const { role } = serviceAccountRole(name, { oidc: args.oidc, serviceAccount: clusterAutoscalerServiceAccount, policyArns: [] }, { parent: this });
        this.role = role;
        this.policy = new aws.iam.RolePolicy(name, { role: role.name, policy: clusterAutoscalerPolicy(args.clusterName) }, { parent: this });
        this.chart = new k8s.helm.v4.Chart(name, pinnedChartArgs(clusterAutoscalerChart, {
            name: clusterAutoscalerChart.chart,
            namespace: clusterAutoscalerServiceAccount.namespace,
            values: clusterAutoscalerValues({ clusterName: args.clusterName, region: args.region, roleArn: role.arn }),
        }), { parent: this, provider: args.provider, dependsOn: [this.policy] });
        this.registerOutputs({ roleArn: role.arn });
    }
}
