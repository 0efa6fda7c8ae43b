import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../kube/cloud";
import type { OidcProvider } from "./eks/irsa";

/** How a pod gets a cloud identity of its own on a cluster we create: GKE Workload Identity or EKS IRSA. */
export type WorkloadIdentity =
    | {
        cloud: "gcp";
        /** GCP project of the cluster. */
        project: string;
        /** The cluster's workload identity pool, `<project>.svc.id.goog`; resolves once the cluster exists. */
        pool: pulumi.Output<string>;
    }
    | {
        cloud: "aws";
        /** AWS region of the cluster (for ARN partitions). */
        region: string;
        /** The cluster's IAM OIDC provider, trusted by IRSA roles. */
        oidc: OidcProvider;
    };

/** What a component needs of the cluster it deploys to. */
export interface ClusterContext {
    /** The provider every object is created with. */
    readonly provider: k8s.Provider;
    /** StorageClass for PVCs that name none. @default undefined: the cluster's default class */
    readonly storageClass?: string;
    /** Whether LoadBalancer Services get an external address (awaited); false on minikube and kind. @default true */
    readonly loadBalancerAddresses?: boolean;
    /** Cloud whose load balancers front LoadBalancer Services; decides annotations (an NLB on aws). @default "existing" */
    readonly cloud?: Cloud;
}

export const clusterContextDefaults = { loadBalancerAddresses: true, cloud: "existing" } as const satisfies Partial<ClusterContext>;

/** What the rest of the program needs from a cluster, wherever it comes from. */
export interface Cluster {
    /** The provider every Kubernetes resource of the stack is created with. */
    provider: k8s.Provider;
    /** Kubeconfig for the cluster (secret), without credentials of its own: an exec plugin (GKE, EKS) or none (adopted). */
    kubeconfig: pulumi.Output<string>;
    /** Cluster name as the cloud (or kubeconfig) knows it. */
    name: pulumi.Output<string>;
    /** API server URL. */
    endpoint: pulumi.Output<string>;
    /** StorageClass for PVCs that name none; undefined means the cluster's own default class. */
    storageClass: string | undefined;
    /** Whether LoadBalancer Services get an external address (false on minikube/kind: skip the await). */
    loadBalancerAddresses: boolean;
    /** Cloud whose load balancers front LoadBalancer Services; decides annotations (e.g. NLB on aws). */
    cloud: Cloud;
    /** How pods get a cloud identity; undefined on clusters we do not create (no cloud identity to hand out). */
    workloadIdentity?: WorkloadIdentity;
    /**
     * The cloud installs and owns the Gateway API CRDs (GKE with its Gateway API on): the platform must not apply its
     * own over them, nor delete them on destroy. Undefined or false: the platform installs them.
     */
    readonly gatewayApiCrds?: "cloud";
}

/** A cluster component also offers an image repository for the apps built here (Artifact Registry / ECR). */
export interface ClusterWithRegistry extends Cluster {
    /** `host/path` to push and pull images built here; undefined where the stack creates none. */
    registry?: pulumi.Output<string | undefined>;
    /**
     * `host/path` where unreviewed builds (pull requests', developers') push, and tenant stacks pull from: main's
     * deploys never read it. Undefined where the stack has no tenants.
     */
    reviewRegistry?: pulumi.Output<string | undefined>;
}
