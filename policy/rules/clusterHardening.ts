import { describe } from "./kubernetes";
import { awsEksCluster, eksCluster, gkeCluster } from "./prod";
import { field } from "./props";
import type { ResourceInput, ResourceRule, StackRule } from "./types";

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** The customer-managed key encrypting a cluster's Secrets, or undefined; null for resources that are no cluster. */
function secretsKey(resource: ResourceInput): string | undefined | null {
    switch (resource.type) {
        case gkeCluster:
            return field(resource.props, "databaseEncryption", "state") === "ENCRYPTED"
                ? (field(resource.props, "databaseEncryption", "keyName") as string | undefined) || undefined
                : undefined;
        case eksCluster:
            return (field(resource.props, "encryptionConfigKeyArn") as string | undefined) || undefined;
        case awsEksCluster:
            return (field(resource.props, "encryptionConfig", "provider", "keyArn") as string | undefined) || undefined;
        default:
            return null;
    }
}

export const prodSecretsEncrypted: ResourceRule = {
    name: "prod-secrets-encrypted",
    description: "Prod clusters envelope-encrypt Kubernetes Secrets with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    prodAware: true,
    check(resource, stack) {
        if (!stack.prod || secretsKey(resource) !== undefined) return [];
        const fix = resource.type === gkeCluster ? "databaseEncryption: {state: ENCRYPTED, keyName: <Cloud KMS key>}" : "a KMS key ARN as encryptionConfigKeyArn";
        return [`${describe(resource)} stores Secrets without envelope encryption on a prod stack; set ${fix}`];
    },
};

/** Log types each cluster kind must send, and where they are set. */
const requiredLogs: Record<string, { path: string[]; required: string[] }> = {
    [gkeCluster]: { path: ["loggingConfig", "enableComponents"], required: ["SYSTEM_COMPONENTS", "APISERVER"] },
    [eksCluster]: { path: ["enabledClusterLogTypes"], required: ["api", "audit", "authenticator"] },
    [awsEksCluster]: { path: ["enabledClusterLogTypes"], required: ["api", "audit", "authenticator"] },
};

export const prodControlPlaneLogs: ResourceRule = {
    name: "prod-control-plane-logs",
    description: "Prod clusters send control-plane logs: API server, audit and authenticator on EKS; SYSTEM_COMPONENTS and APISERVER on GKE.",
    enforcementLevel: "mandatory",
    prodAware: true,
    check(resource, stack) {
        const logs = requiredLogs[resource.type];
        if (!stack.prod || !logs) return [];
        const enabled = strings(field(resource.props, ...logs.path));
        const missing = logs.required.filter((l) => !enabled.includes(l));
        return missing.length === 0 ? [] : [`${describe(resource)} sends no ${missing.join(", ")} logs on a prod stack; add them to ${logs.path.join(".")}`];
    },
};

export const prodGkeMaintenanceWindow: ResourceRule = {
    name: "prod-gke-maintenance-window",
    description: "Prod GKE clusters set a maintenance window, so auto-upgrades and auto-repairs happen when the team expects them.",
    enforcementLevel: "mandatory",
    prodAware: true,
    check(resource, stack) {
        if (!stack.prod || resource.type !== gkeCluster) return [];
        const policy = field(resource.props, "maintenancePolicy");
        const window = ["recurringWindow", "dailyMaintenanceWindow"].some((k) => field(policy, k) !== undefined);
        return window ? [] : [`${describe(resource)} has no maintenance window on a prod stack; set maintenancePolicy.recurringWindow`];
    },
};

const clusterAdminPolicy = /:cluster-access-policy\/AmazonEKSClusterAdminPolicy$/;

export const prodEksAccessEntries: StackRule = {
    name: "prod-eks-access-entries",
    description: "Prod EKS clusters grant cluster admin to a declared identity (the deploy role) through an access entry, not only to whoever created the cluster.",
    enforcementLevel: "mandatory",
    prodAware: true,
    checkStack(resources, stack) {
        const clusters = resources.filter((r) => r.type === eksCluster || r.type === awsEksCluster);
        if (!stack.prod || clusters.length === 0) return [];
        const entries = new Set(resources.filter((r) => r.type === "aws:eks/accessEntry:AccessEntry").map((r) => field(r.props, "principalArn")));
        const admins = resources.filter((r) =>
            r.type === "aws:eks/accessPolicyAssociation:AccessPolicyAssociation" &&
            clusterAdminPolicy.test(String(field(r.props, "policyArn"))) &&
            field(r.props, "accessScope", "type") === "cluster" &&
            entries.has(field(r.props, "principalArn")));
        return admins.length > 0 ? [] : clusters.map((c) => ({
            message: `${describe(c)} has no access entry with AmazonEKSClusterAdminPolicy on a prod stack; only its creator can reach the API (set webstack:cluster.admins to the deploy role)`,
            id: c.id,
        }));
    },
};
