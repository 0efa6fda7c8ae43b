import { join } from "node:path";
import { readYaml } from "../../../infra/config/stackFile";
import { projectDir } from "../../../infra/config/project";
import type { LocalCluster } from "./localCluster";
import type { RunOptions } from "./engine";

/** Two commits' worth of image tags for web-server (kwok never pulls an image, so no registry is needed). */
export const imageTags = {
    first: "1111111111111111111111111111111111111111",
    second: "2222222222222222222222222222222222222222",
};

/** Where web-server's image would be pushed: an adopted cluster has no registry of ours, so it is named. */
export const webServerRepository = "registry.local/webstack/web-server";

/** The apps of Pulumi.dev.yaml, as they are, except that web-server names the repository its image is in. */
export function devApps(): Record<string, Record<string, unknown>> {
    const file = readYaml(join(projectDir, "Pulumi.dev.yaml")) as { config: Record<string, unknown> };
    const apps = structuredClone(file.config["webstack:apps"]) as Record<string, Record<string, unknown>>;
    apps["web-server"].image = webServerRepository;
    return apps;
}

/**
 * The shared dev stack of the engine tier: the dev apps on the local cluster adopted through a secret
 * kubeconfig, platform charts off (Helm chart repositories cannot be reached here), load balancer and Ingress
 * addresses published (kwok plays the controllers).
 */
export function sharedStack(cluster: LocalCluster, secrets: { webServerToken: string }, tag = imageTags.first): RunOptions {
    return {
        plainConfig: {
            "webstack:cloud": "existing",
            "webstack:platform": { ingressController: false, certManager: false },
            "webstack:existing": { loadBalancerAddresses: true },
            "webstack:acmeEmail": "platform@example.com",
            "webstack:domain": "dev.example.com",
            "webstack:imageTag": tag,
            "webstack:apps": devApps(),
        },
        secretConfig: { "webstack:kubeconfig": cluster.kubeconfig, "webstack:webServerToken": secrets.webServerToken },
    };
}

/** A tenant stack (dev-alice, pr-42): its own secret, the dev apps, the shared stack found by its name. */
export function tenantStack(secrets: { webServerToken: string }, tag = imageTags.first): RunOptions {
    return {
        plainConfig: { "webstack:imageTag": tag, "webstack:apps": devApps() },
        secretConfig: { "webstack:webServerToken": secrets.webServerToken },
    };
}
