import { accessRoles } from "../access/identities";
import type { AccessConfig } from "./access";
import type { ClusterConfig } from "./cluster";
import { clusterAutoscalerChart } from "../kube/helmCharts";
import { issue, type ConfigIssue } from "./issue";
import type { RuleInput } from "./ruleTypes";

/**
 * What each cloud accepts, checked with the rest of the config so a bad value is a config error naming its key,
 * not a stack trace or a failed cloud call halfway through `pulumi up`.
 */
interface CloudFormats {
    region: RegExp;
    regionExample: string;
    /** Zone = region + this suffix. */
    zoneSuffix: RegExp;
    zoneExample: string;
    machineType: RegExp;
    machineTypeExample: string;
    principal: RegExp;
    principalExample: string;
}

const formats: Record<"gcp" | "aws", CloudFormats> = {
    gcp: {
        region: /^[a-z]+-[a-z]+[0-9]+$/,
        regionExample: "europe-west1",
        zoneSuffix: /^-[a-z]$/,
        zoneExample: "europe-west1-b",
        machineType: /^[a-z][a-z0-9]*-[a-z0-9-]+$/,
        machineTypeExample: "e2-standard-2",
        principal: /^(user|group|serviceAccount):[^@\s:]+@[^@\s]+\.[^@\s]+$/,
        principalExample: "user:alice@example.com, group:devs@example.com or serviceAccount:deployer@<project>.iam.gserviceaccount.com",
    },
    aws: {
        region: /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+$/,
        regionExample: "eu-west-1",
        zoneSuffix: /^[a-z]$/,
        zoneExample: "eu-west-1a",
        machineType: /^[a-z][a-z0-9-]*\.[a-z0-9]+$/,
        machineTypeExample: "t3.medium",
        principal: /^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:(role|user)\/[\w+=,.@/-]+$/,
        principalExample: "arn:aws:iam::123456789012:role/deployer",
    },
};

/** EKS subnets need two zones at least; the VPC's address plan has room for six. */
export const eksZones = { min: 2, max: 6 } as const;

/** The public endpoint only ever sees public source addresses: private ranges there are a mistake (use deployFromVpc). */
const privateRange = /^(10\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.|127\.|169\.254\.)/;

function formatProblems(cloud: "gcp" | "aws", cluster: ClusterConfig, access: AccessConfig | undefined): ConfigIssue[] {
    const f = formats[cloud];
    const out: ConfigIssue[] = [];
    if (!f.region.test(cluster.region)) {
        out.push(issue(["cluster", "region"], cluster.region, `is not a ${cloud} region (such as ${f.regionExample})`));
    }
    cluster.zones?.forEach((zone, i) => {
        if (zone.startsWith(cluster.region) && !f.zoneSuffix.test(zone.slice(cluster.region.length))) {
            out.push(issue(["cluster", "zones", i], zone, `is not a ${cloud} zone name (such as ${f.zoneExample})`));
        }
    });
    cluster.nodeGroups.forEach((group, i) => {
        if (!f.machineType.test(group.machineType)) {
            out.push(issue(["cluster", "nodeGroups", i, "machineType"], group.machineType, `is not a ${cloud} machine type (such as ${f.machineTypeExample})`));
        }
    });
    const principalProblem = (path: (string | number)[], value: string) => {
        if (f.principal.test(value)) return;
        const hint = value.startsWith("arn:aws:sts::") ? "; name the IAM role (arn:aws:iam::<account>:role/<name>), not an assumed-role session" : "";
        out.push(issue(path, value, `is not a ${cloud === "aws" ? "IAM role or user ARN" : "GCP IAM member"} (such as ${f.principalExample})${hint}`));
    };
    cluster.admins.forEach((p, i) => principalProblem(["cluster", "admins", i], p));
    cluster.developers.forEach((d, i) => principalProblem(["cluster", "developers", i, "principal"], d.principal));
    for (const role of accessRoles) access?.[role].forEach((p, i) => principalProblem(["access", role, i], p));
    return out;
}

function awsProblems(cluster: ClusterConfig, prod: boolean): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    // prodClusterAccess names the same key on prod, with the workflows' identity to list.
    if (!prod && cluster.admins.length === 0) {
        out.push(issue(["cluster", "admins"], [], "must list the IAM role that runs `pulumi up` on EKS: the cluster grants its creator no access of its own, so with no admin nobody, not even this program, can reach it"));
    }
    const zones = cluster.zones;
    if (zones && (zones.length < eksZones.min || zones.length > eksZones.max)) {
        out.push(issue(["cluster", "zones"], zones, `must list ${eksZones.min} to ${eksZones.max} zones: EKS needs subnets in two availability zones at least (got ${zones.length})`));
    }
    // The cluster-autoscaler supports the Kubernetes minor its own minor names, and no other.
    const autoscalerMinor = /^v(\d+\.\d+)\./.exec(clusterAutoscalerChart.image)?.[1];
    if (cluster.kubernetesVersion !== undefined && autoscalerMinor !== undefined && !cluster.kubernetesVersion.startsWith(autoscalerMinor)) {
        out.push(issue(["cluster", "kubernetesVersion"], cluster.kubernetesVersion, `is not what the pinned cluster-autoscaler (${clusterAutoscalerChart.image}) supports: pin ${autoscalerMinor}, or move clusterAutoscalerChart (infra/kube/helmCharts.ts) to the autoscaler release of ${cluster.kubernetesVersion}`));
    }
    for (const key of ["authorizedNetworks", "deployerNetworks"] as const) {
        cluster[key].forEach((cidr, i) => {
            if (privateRange.test(cidr)) {
                out.push(issue(["cluster", key, i], cidr, "is a private range, which EKS does not accept for the public endpoint; runners inside the VPC use cluster.deployFromVpc"));
            }
        });
    }
    return out;
}

function gcpProblems(cluster: ClusterConfig, access: AccessConfig | undefined, prod: boolean): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    if (prod && cluster.zones?.length === 1) {
        out.push(issue(["cluster", "zones"], cluster.zones, "makes a zonal GKE cluster, whose single control plane goes down with its zone and during upgrades; prod needs a regional one (two or more zones, or none for the region's)"));
    }
    if (cluster.deployFromVpc && !cluster.privateNodes) {
        out.push(issue(["cluster", "deployFromVpc"], true, "needs privateNodes: only a private GKE cluster has the private endpoint in-VPC runners use"));
    }
    // Google Groups for RBAC takes one security group, gke-security-groups@<domain>, that holds the others.
    const principals = [...cluster.developers.map((d) => d.principal), ...accessRoles.flatMap((role) => access?.[role] ?? [])];
    const domains = new Set(principals.flatMap((p) => (p.startsWith("group:") ? [p.split("@")[1]] : [])));
    if (domains.size > 1) {
        out.push(issue(["cluster", "developers"], [...domains], "lists groups of several domains (with webstack:access's); Google Groups for RBAC reads one gke-security-groups@<domain>"));
    }
    return out;
}

/** Cloud-specific constraints of the cluster section. */
export function cloudConstraints({ raw, root, prod }: RuleInput): ConfigIssue[] {
    const cloud = root.cloud;
    const cluster = root.cluster;
    if (!cluster || (cloud !== "gcp" && cloud !== "aws")) return [];
    const out = formatProblems(cloud, cluster, root.access);
    if (cloud === "aws") {
        out.push(...awsProblems(cluster, prod));
        const window = (raw.cluster as { maintenanceWindow?: unknown } | undefined)?.maintenanceWindow;
        if (window !== undefined) out.push(issue(["cluster", "maintenanceWindow"], window, "is only used on GKE; EKS upgrades only when the program asks"));
    } else {
        out.push(...gcpProblems(cluster, root.access, prod));
    }
    return out;
}

/** Prod clusters: reachable by the deploy jobs, administered by a named deploy identity, hardening on. */
export function prodClusterAccess({ root, prod }: RuleInput): ConfigIssue[] {
    const cluster = root.cluster;
    if (!prod || !cluster) return [];
    const out: ConfigIssue[] = [];
    if (cluster.admins.length === 0) {
        out.push(issue(["cluster", "admins"], [], "must list the deploy identity of the workflows on a prod stack (the production environment's AWS_ROLE_ARN, or serviceAccount:<GCP_SERVICE_ACCOUNT>)"));
    }
    if (cluster.deployerNetworks.length === 0 && !cluster.deployFromVpc) {
        out.push(issue(["cluster", "deployerNetworks"], [], "must list where the deploy and preview jobs run on a prod stack (their runners' egress CIDRs), or set cluster.deployFromVpc for self-hosted runners inside the VPC"));
    }
    for (const key of ["secretsEncryption", "controlPlaneLogs"] as const) {
        if (!cluster[key]) out.push(issue(["cluster", key], false, "cannot be turned off on a prod stack"));
    }
    return out;
}
