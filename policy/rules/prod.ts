import { describe } from "./kubernetes";
import { field } from "./props";
import type { ResourceRule } from "./types";

export const gkeCluster = "gcp:container/cluster:Cluster";
/** The @pulumi/eks component, and the aws cluster inside it (also what a plain @pulumi/aws program declares). */
export const eksCluster = "eks:index:Cluster";
export const awsEksCluster = "aws:eks/cluster:Cluster";

/** What prod must protect from deletion: the clusters and the data. */
export const protectedInProd = [gkeCluster, eksCluster, awsEksCluster, "kubernetes:core/v1:PersistentVolumeClaim"];

export const prodProtected: ResourceRule = {
    name: "prod-protected",
    description: "On prod stacks, clusters and PersistentVolumeClaims carry the protect resource option.",
    enforcementLevel: "mandatory",
    prodAware: true,
    check(resource, stack) {
        if (!stack.prod || !protectedInProd.includes(resource.type) || resource.protect) return [];
        return [`${describe(resource)} is not protected on a prod stack; set the resource option protect: true so no destroy or rename deletes it`];
    },
};

export const prodGkeHardened: ResourceRule = {
    name: "prod-gke-hardened",
    description: "Prod GKE clusters have private nodes and Workload Identity.",
    enforcementLevel: "mandatory",
    prodAware: true,
    check(resource, stack) {
        if (!stack.prod || resource.type !== gkeCluster) return [];
        const subject = describe(resource);
        return [
            ...(field(resource.props, "privateClusterConfig", "enablePrivateNodes") === true ? [] : [`${subject} gives nodes public IPs on a prod stack; set privateClusterConfig.enablePrivateNodes: true`]),
            ...(field(resource.props, "workloadIdentityConfig", "workloadPool") ? [] : [`${subject} has no Workload Identity on a prod stack; set workloadIdentityConfig.workloadPool to <project>.svc.id.goog`]),
        ];
    },
};

export const prodEksHardened: ResourceRule = {
    name: "prod-eks-hardened",
    description: "Prod EKS clusters have a private API endpoint and IAM roles for service accounts (an OIDC provider).",
    enforcementLevel: "mandatory",
    prodAware: true,
    check(resource, stack) {
        if (!stack.prod) return [];
        const subject = describe(resource);
        const privateEndpoint = `${subject} has no private API endpoint on a prod stack; set `;
        if (resource.type === eksCluster) {
            return [
                ...(field(resource.props, "endpointPrivateAccess") === true ? [] : [`${privateEndpoint}endpointPrivateAccess: true`]),
                ...(field(resource.props, "createOidcProvider") === true ? [] : [`${subject} has no OIDC provider, so no IAM roles for service accounts, on a prod stack; set createOidcProvider: true`]),
            ];
        }
        if (resource.type === awsEksCluster) {
            return field(resource.props, "vpcConfig", "endpointPrivateAccess") === true ? [] : [`${privateEndpoint}vpcConfig.endpointPrivateAccess: true`];
        }
        return [];
    },
};
