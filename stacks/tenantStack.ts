import * as pulumi from "@pulumi/pulumi";
import { SharedCluster } from "../infra/cluster/shared";
import { ConfigError } from "../infra/config/errors";
import type { WebstackConfig } from "../infra/config/load";
import type { ResolvedTag } from "../infra/config/imageTag";
import { tenantNamespace } from "../infra/kube/tenancy";
import { TenantQuota } from "../infra/tenant/quota";
import { sharedPlatform } from "../infra/platform/shared";
import { deployWorkloads, type AppOutputs } from "./workloads";

/**
 * A per-developer (`dev-<name>`) or per-pull-request (`pr-<number>`) stack: no cluster, no platform, no load
 * balancer of its own. It deploys the apps into a namespace named after the stack on the shared dev cluster.
 */
export class TenantStack {
    private constructor(
        readonly config: WebstackConfig,
        readonly cluster: SharedCluster,
        readonly namespace: string,
        readonly apps: Record<string, AppOutputs>,
        readonly imageTag: ResolvedTag,
    ) {}

    static async create(config: WebstackConfig, imageTag: ResolvedTag): Promise<TenantStack> {
        const name = `${config.project}-${config.stack}`;
        const sharedStack = config.sharedCluster ?? `${config.organization}/${config.project}/dev`;
        const cluster = new SharedCluster(name, { stack: sharedStack });
        const namespace = tenantNamespace(config.stack);
        const provisioned = (await cluster.provisionedNamespaces()).includes(namespace);
        if (provisioned && config.ownTenantLimits) {
            throw new ConfigError([`webstack:tenant: is set by the shared stack ${sharedStack}, which provisions this stack's namespace ${namespace} with its quota; remove it here`]);
        }
        const apps = deployWorkloads({
            config,
            cluster,
            platform: { ...sharedPlatform, ingressAddress: cluster.ingressAddress },
            imageTag,
            namespace,
            // A developer's namespace comes with its quota from the shared stack; developers may only edit inside it.
            existingNamespaces: provisioned,
            namespaceExtras: (ns, opts) => new TenantQuota(namespace, { namespace: ns, limits: config.tenant }, opts),
            tenantSubjects: cluster.tenantSubjects,
        });
        return new TenantStack(config, cluster, namespace, apps, imageTag);
    }

    outputs(): Record<string, pulumi.Input<unknown>> {
        return {
            namespace: this.namespace,
            sharedCluster: this.cluster.name,
            ingressAddress: this.cluster.ingressAddress,
            imageTag: this.imageTag.tag,
            apps: this.apps,
        };
    }
}
