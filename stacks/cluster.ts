import type * as pulumi from "@pulumi/pulumi";
import { accessRoles } from "../infra/access/identities";
import { pushedToStackRegistry } from "../infra/config/apps";
import { reviewPushers } from "../infra/config/reviewPushers";
import type { WebstackConfig } from "../infra/config/load";
import type { ClusterWithRegistry } from "../infra/cluster/types";

/** Names of the apps pushed to the stack's registry, each the name of its image there. */
function builtImages(config: Pick<WebstackConfig, "apps">): string[] {
    return Object.entries(config.apps).filter(([, app]) => pushedToStackRegistry(app)).map(([name]) => name);
}

/**
 * The cluster the config asks for. Each cloud's module (and its provider SDK) is loaded only when chosen,
 * so a GKE stack never pays the start-up cost of @pulumi/aws and @pulumi/eks, and the other way round.
 */
export async function createCluster(config: WebstackConfig, opts: pulumi.ComponentResourceOptions = {}): Promise<ClusterWithRegistry> {
    const name = `${config.project}-${config.stack}`;
    switch (config.cloud) {
        case "gcp": {
            const { GkeCluster } = await import("../infra/cluster/gke");
            const accessGroups = accessRoles.flatMap((role) => config.access[role]).filter((p) => p.startsWith("group:"));
            return new GkeCluster(name, { cluster: config.cluster!, prod: config.prod, accessGroups, reviewPushers: reviewPushers(config), kubeClient: config.kubeClient }, opts);
        }
        case "aws": {
            const { EksCluster } = await import("../infra/cluster/eks");
            return new EksCluster(name, { cluster: config.cluster!, prod: config.prod, images: builtImages(config), reviewPushers: reviewPushers(config), kubeClient: config.kubeClient }, opts);
        }
        case "existing": {
            const { ExistingCluster } = await import("../infra/cluster/existing");
            return new ExistingCluster(name, {
                kubeconfig: config.kubeconfig === undefined ? undefined : config.secret("kubeconfig"),
                context: config.kubeContext,
                loadBalancerAddresses: config.existing.loadBalancerAddresses,
                storageClass: config.existing.storageClass,
                kubeClient: config.kubeClient,
            }, opts);
        }
        default:
            throw new Error(`createCluster: no cluster source for cloud ${String(config.cloud)}`);
    }
}
