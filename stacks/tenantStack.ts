import * as pulumi from "@pulumi/pulumi";
import { kubeconfigCredentials, usesExecPlugin } from "../infra/cluster/kubeconfig";
import { SharedCluster } from "../infra/cluster/shared";
import { ConfigError } from "../infra/config/errors";
import type { ResolvedTag } from "../infra/config/imageTag";
import type { StackSettings } from "./settings";
import type { WebstackConfig } from "../infra/config/load";
import { tenantNamespace } from "../infra/kube/tenancy";
import { sharedPlatform } from "../infra/platform/shared";
import { deployWorkloads, type AppOutputs } from "./workloads";

/**
 * Whether this tenant can reach the shared cluster as itself: the shared stack's kubeconfig must carry no credential
 * (or every tenant could act as its deployer), and where it names no exec plugin either (an adopted cluster), the
 * tenant brings its own. Read from the shared stack's state before anything is registered.
 */
function kubeconfigProblems(shared: string | undefined, sharedStack: string, own: boolean): string[] {
    if (shared === undefined) return [];
    const credentials = kubeconfigCredentials(shared);
    if (credentials.length > 0) {
        return [`the shared stack ${sharedStack} exports a kubeconfig carrying a credential (${credentials.join(", ")}), which would let every tenant act as its deployer: run pulumi up on it (it exports its kubeconfig without credentials), and give each tenant its own (webstack:kubeconfig)`];
    }
    if (!own && !usesExecPlugin(shared)) {
        return [`webstack:kubeconfig: is required: the shared cluster ${sharedStack} is an adopted one, whose exported kubeconfig carries no credential; set this stack's own identity's, as a secret (pulumi config set --secret webstack:kubeconfig "$(kubectl config view --minify --raw)")`];
    }
    return [];
}

/**
 * A per-developer (`dev-<name>`) or per-pull-request (`pr-<number>`) stack: no cluster, no platform, no load
 * balancer of its own. It deploys the apps into the namespace named after it on the shared dev cluster, which
 * trusted code made with its quota: the shared stack (a developer's) or the provisioner (a pull request's).
 */
export class TenantStack {
    private constructor(
        readonly config: WebstackConfig,
        readonly cluster: SharedCluster,
        readonly namespace: string,
        readonly apps: Record<string, AppOutputs>,
        readonly imageTag: ResolvedTag,
    ) {}

    static async create({ config, imageTag, imageDigests }: StackSettings): Promise<TenantStack> {
        const name = `${config.project}-${config.stack}`;
        const sharedStack = config.sharedCluster ?? `${config.organization}/${config.project}/dev`;
        const cluster = new SharedCluster(name, {
            stack: sharedStack,
            kubeconfig: config.kubeconfig === undefined ? undefined : config.secret("kubeconfig"),
            context: config.kubeContext,
            kubeClient: config.kubeClient,
        });
        const shared = await cluster.read();
        const problems = kubeconfigProblems(shared.kubeconfig, sharedStack, config.kubeconfig !== undefined);
        if (problems.length > 0) throw new ConfigError(problems);
        const namespace = tenantNamespace(config.stack);
        const apps = deployWorkloads({
            config,
            cluster,
            platform: { ...sharedPlatform, ingressAddress: cluster.ingressAddress, defaultCertificateDomain: shared.tenantWildcardDomain },
            imageTag,
            imageDigests,
            namespace,
            existingNamespace: true,
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
