import * as pulumi from "@pulumi/pulumi";
import { createCluster } from "../infra/cluster";
import type { ClusterWithRegistry } from "../infra/cluster/types";
import type { WebstackConfig } from "../infra/config/load";

/** A stack that owns its cluster (GKE, EKS, or an adopted existing one), its platform and its apps. */
export class ClusterStack {
    private constructor(
        readonly config: WebstackConfig,
        readonly cluster: ClusterWithRegistry,
    ) {}

    static async create(config: WebstackConfig): Promise<ClusterStack> {
        const cluster = await createCluster(config);
        return new ClusterStack(config, cluster);
    }

    outputs(): Record<string, pulumi.Input<unknown>> {
        return {
            kubeconfig: pulumi.secret(this.cluster.kubeconfig),
            clusterName: this.cluster.name,
            endpoint: this.cluster.endpoint,
        };
    }
}
