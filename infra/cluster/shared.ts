import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../kube/cloud";
import { clusterProvider, type KubeClientLimits } from "../kube/provider";
import type { ClusterWithRegistry } from "./types";

export interface SharedClusterArgs {
    /** `<org>/<project>/<stack>` of the stack that owns the cluster and its platform. */
    stack: string;
    /**
     * The tenant's own kubeconfig (secret): its own identity on the shared cluster. @default the shared stack's
     * kubeconfig, which carries no credential (an exec plugin: each caller's own cloud login)
     */
    kubeconfig?: pulumi.Output<string>;
    /** Context of `kubeconfig`. @default its current context */
    context?: string;
    /** Rate limits of the Kubernetes provider's client. @default kubeClientDefaults (infra/kube/provider.ts) */
    kubeClient?: KubeClientLimits;
}

/**
 * The shared dev cluster, seen from a tenant stack: everything comes from the owning stack's outputs through
 * a StackReference; nothing in the cloud is created.
 */
export class SharedCluster extends pulumi.ComponentResource implements ClusterWithRegistry {
    readonly provider: k8s.Provider;
    readonly kubeconfig: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly endpoint: pulumi.Output<string>;
    /**
     * The shared stack's review registry, where unreviewed builds go (never its main registry, which tenants cannot
     * push to); undefined where it has none (an adopted cluster).
     */
    readonly registry: pulumi.Output<string | undefined>;
    /** The shared ingress controller's external address; undefined where the shared stack runs no controller. */
    readonly ingressAddress: pulumi.Output<string | undefined>;
    /** The shared cluster's default class serves tenant PVCs. */
    readonly storageClass = undefined;
    readonly loadBalancerAddresses = true;
    /** The shared stack's cloud (its `cloud` output; existing until read, and for a stack that exports none). */
    cloud: Cloud = "existing";

    private readonly shared: pulumi.StackReference;

    constructor(name: string, args: SharedClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:cluster:Shared", name, {}, opts);
        const shared = new pulumi.StackReference(args.stack, { name: args.stack }, { parent: this });
        this.shared = shared;
        this.kubeconfig = pulumi.secret(shared.requireOutput("kubeconfig") as pulumi.Output<string>);
        this.name = shared.requireOutput("clusterName") as pulumi.Output<string>;
        this.endpoint = shared.requireOutput("endpoint") as pulumi.Output<string>;
        // Stack outputs that are undefined are not exported at all, so these are optional.
        this.registry = shared.getOutput("reviewRegistry") as pulumi.Output<string | undefined>;
        this.ingressAddress = shared.getOutput("ingressAddress") as pulumi.Output<string | undefined>;
        // The shared stack's cluster name: a re-issued kubeconfig there never replaces this tenant's objects.
        this.provider = clusterProvider(name, { kubeconfig: args.kubeconfig ?? this.kubeconfig, context: args.context, clusterIdentifier: this.name, kubeClient: args.kubeClient }, { parent: this });
        this.registerOutputs({ name: this.name, endpoint: this.endpoint });
    }

    /**
     * Reads what the tenant must know before it registers anything, from the shared stack's state: its cloud (which
     * decides the annotations of a forced LoadBalancer), its exported kubeconfig (undefined before its first up), and
     * the domain its wildcard certificate covers for tenant hosts (undefined without one).
     */
    async read(): Promise<{ kubeconfig?: string; tenantWildcardDomain?: string }> {
        const [cloud, kubeconfig, tenantWildcardDomain] = await Promise.all([this.output("cloud"), this.output("kubeconfig"), this.output("tenantWildcardDomain")]);
        if (cloud === "gcp" || cloud === "aws") this.cloud = cloud;
        return { kubeconfig, tenantWildcardDomain };
    }

    private async output(name: string): Promise<string | undefined> {
        const details = await this.shared.getOutputDetails(name);
        const value = details.secretValue ?? details.value;
        return typeof value === "string" ? value : undefined;
    }
}
