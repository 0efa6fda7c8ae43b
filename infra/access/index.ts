import * as pulumi from "@pulumi/pulumi";
import type { ClusterWithRegistry } from "../cluster/types";
import type { AccessIdentities } from "./identities";
import { KubernetesAccess } from "./kubernetesAccess";
import type { Subject } from "../kube/rbac";

export interface ClusterAccessArgs {
    /** The identities of each role (webstack:access). */
    access: AccessIdentities;
    cluster: Pick<ClusterWithRegistry, "provider" | "cloud" | "name">;
}

/**
 * The identities of webstack:access on a stack's cluster: the cloud's half (GKE IAM, EKS access entries) and the
 * Kubernetes half (RBAC and the tenant confinement policy). Each cloud's SDK is loaded only when used.
 */
export class ClusterAccess extends pulumi.ComponentResource {
    readonly kubernetes: KubernetesAccess;
    readonly tenantSubjects: Subject[];

    private constructor(name: string, args: ClusterAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:access:Cluster", name, {}, opts);
        this.kubernetes = new KubernetesAccess(name, { access: args.access, cloud: args.cluster.cloud, provider: args.cluster.provider }, { parent: this });
        this.tenantSubjects = this.kubernetes.tenantSubjects;
    }

    static async create(name: string, args: ClusterAccessArgs, opts?: pulumi.ComponentResourceOptions): Promise<ClusterAccess> {
        const component = new ClusterAccess(name, args, opts);
        const childOpts = { parent: component };
        if (args.cluster.cloud === "gcp") {
            const { gkeAccessIdentities } = await import("./gkeAccess");
            gkeAccessIdentities(name, args.access, childOpts);
        } else if (args.cluster.cloud === "aws") {
            const { eksAccessEntries } = await import("./eksAccess");
            // The cluster's name is known before the cluster exists: wait for its provider, which waits for the cluster.
            eksAccessEntries(name, args.access, args.cluster.name, { ...childOpts, dependsOn: [args.cluster.provider] });
        }
        component.registerOutputs({ tenantSubjects: component.tenantSubjects });
        return component;
    }
}
