import * as pulumi from "@pulumi/pulumi";
import { ClusterAccess } from "../infra/access";
import { createCluster } from "../infra/cluster";
import { accessRoles } from "../infra/config/access";
import type { ClusterWithRegistry } from "../infra/cluster/types";
import type { WebstackConfig } from "../infra/config/load";
import type { ResolvedTag } from "../infra/image/tag";
import { Platform } from "../infra/platform";
import { deployWorkloads, type AppOutputs } from "./workloads";

/** A stack that owns its cluster (GKE, EKS, or an adopted existing one), its platform and its apps. */
export class ClusterStack {
    private constructor(
        readonly config: WebstackConfig,
        readonly cluster: ClusterWithRegistry,
        readonly platform: Platform,
        readonly apps: Record<string, AppOutputs>,
        readonly imageTag: ResolvedTag,
        readonly access?: ClusterAccess,
    ) {}

    static async create(config: WebstackConfig, imageTag: ResolvedTag): Promise<ClusterStack> {
        const cluster = await createCluster(config);
        const platform = new Platform(`${config.project}-${config.stack}`, {
            cluster,
            prod: config.prod,
            acmeEmail: config.acmeEmail,
            ingressController: config.platform.ingressController,
            certManager: config.platform.certManager,
        });
        const apps = deployWorkloads({ config, cluster, platform, imageTag });
        const access = accessRoles.some((role) => config.access[role].length > 0)
            ? await ClusterAccess.create(`${config.project}-${config.stack}-access`, {
                access: config.access,
                cluster,
                gcpProject: new pulumi.Config("gcp").get("project"),
            })
            : undefined;
        return new ClusterStack(config, cluster, platform, apps, imageTag, access);
    }

    outputs(): Record<string, pulumi.Input<unknown>> {
        return {
            kubeconfig: pulumi.secret(this.cluster.kubeconfig),
            clusterName: this.cluster.name,
            endpoint: this.cluster.endpoint,
            registry: this.cluster.registry,
            ingressAddress: this.platform.ingressAddress,
            imageTag: this.imageTag.tag,
            apps: this.apps,
            // The identities a tenant namespace binds the tenant role to (left out when there are none).
            tenantSubjects: this.access?.tenantSubjects.length ? this.access.tenantSubjects : undefined,
        };
    }
}
