import * as pulumi from "@pulumi/pulumi";
import { ClusterAccess } from "../infra/access";
import { subjectsOf } from "../infra/access/subjects";
import { createCluster } from "./cluster";
import { accessRoles } from "../infra/access/identities";
import type { ClusterWithRegistry } from "../infra/cluster/types";
import type { WebstackConfig } from "../infra/config/load";
import type { ResolvedTag } from "../infra/config/imageTag";
import { hostsTenantStacks, tenantDevelopers } from "../infra/config/tenantHosting";
import type { StackSettings } from "./settings";
import { Platform } from "../infra/platform";
import { DeveloperNamespaces } from "../infra/tenant/developerNamespaces";
import { TenantNamespacePolicy } from "../infra/tenant/namespacePolicy";
import { wildcardRecord } from "../infra/platform/wildcardRecord";
import { deployWorkloads, type AppOutputs } from "./workloads";

/** A stack that owns its cluster (GKE, EKS, or an adopted existing one), its platform and its apps. */
export class ClusterStack {
    private constructor(
        readonly config: WebstackConfig,
        readonly cluster: ClusterWithRegistry,
        readonly platform: Platform,
        readonly apps: Record<string, AppOutputs>,
        readonly imageTag: ResolvedTag,
        /** Namespaces this stack provisions for developers' tenant stacks, which deploy into them without creating them. */
        readonly tenantNamespaces: pulumi.Output<string>[],
        readonly access?: ClusterAccess,
    ) {}

    static async create({ config, imageTag, imageDigests, deferredApps }: StackSettings): Promise<ClusterStack> {
        const cluster = await createCluster(config);
        const developers = tenantDevelopers(config);
        const hostsTenants = hostsTenantStacks(config);
        const platform = new Platform(`${config.project}-${config.stack}`, {
            cluster,
            prod: config.prod,
            acmeEmail: config.acmeEmail,
            ingressController: config.platform.ingressController,
            certManager: config.platform.certManager,
            dns: config.dns,
            domain: config.domain,
            // With a zone to answer DNS-01, every tenant host is served under one trusted certificate at once.
            tenantWildcard: hostsTenants && config.dns !== undefined,
        });
        const tenantNamespaces = developers.length > 0
            ? new DeveloperNamespaces(`${config.project}-${config.stack}-developers`, {
                developers,
                cloud: cluster.cloud,
                limits: config.tenant,
                // The sweep removes a stale dev-<name> stack's objects here: the tenant role.
                sweepers: subjectsOf(config.access, "sweepers", cluster.cloud),
                provider: cluster.provider,
            }).namespaces.map((n) => n.metadata.name)
            : [];
        // Whoever writes in a tenant namespace is held to its rules: the developers, the review stacks, anyone.
        if (hostsTenants) {
            new TenantNamespacePolicy("webstack-tenant-namespaces", { domain: config.domain, provider: cluster.provider });
        }
        const apps = deployWorkloads({ config, cluster, platform, imageTag, imageDigests, deferredApps });
        const access = accessRoles.some((role) => config.access[role].length > 0)
            ? await ClusterAccess.create(`${config.project}-${config.stack}-access`, {
                access: config.access,
                cluster,
            })
            : undefined;
        return new ClusterStack(config, cluster, platform, apps, imageTag, tenantNamespaces, access);
    }

    outputs(): Record<string, pulumi.Input<unknown>> {
        return {
            kubeconfig: pulumi.secret(this.cluster.kubeconfig),
            // Tenants read it: it decides the annotations of a LoadBalancer they force.
            cloud: this.cluster.cloud,
            clusterName: this.cluster.name,
            endpoint: this.cluster.endpoint,
            registry: this.cluster.registry,
            // Where tenant stacks' images are pushed and pulled from (only on a stack with tenants).
            ...(this.cluster.reviewRegistry ? { reviewRegistry: this.cluster.reviewRegistry } : {}),
            // The domain under which tenant hosts are served with the shared wildcard certificate (only with one).
            ...(this.platform.tenantWildcardDomain ? { tenantWildcardDomain: this.platform.tenantWildcardDomain } : {}),
            tenantNamespaces: this.tenantNamespaces,
            ingressAddress: this.platform.ingressAddress,
            dnsRecord: this.dnsRecord(),
            imageTag: this.imageTag.tag,
            apps: this.apps,
        };
    }

    /** Without `webstack:dns`, the record to create by hand (docs/platform.md); with it, external-dns writes them. */
    private dnsRecord(): pulumi.Output<unknown> | undefined {
        const domain = this.config.domain;
        if (this.config.dns || !domain || !this.platform.ingressAddress) return undefined;
        return this.platform.ingressAddress.apply((address) => wildcardRecord(domain, address));
    }
}
