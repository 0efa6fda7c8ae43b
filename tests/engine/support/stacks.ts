import { join } from "node:path";
import { readYaml } from "../../../infra/config/stackFile";
import { projectDir } from "../../../infra/config/project";
import { userSubject } from "../../../infra/kube/rbac";
import { Kubectl } from "../../../tools/workflow/kubectl";
import { applyTenantNamespace } from "../../../tools/workflow/tenantNamespaces";
import type { Identity, LocalCluster } from "./localCluster";
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

/** The domain of the engine tier's shared stack: tenant hosts are <app>.<stack>.<this>. */
export const sharedDomain = "dev.example.com";

/**
 * The shared dev stack of the engine tier: the dev apps on the local cluster adopted through a secret
 * kubeconfig, platform charts off (Helm chart repositories cannot be reached here), load balancer and Ingress
 * addresses published (kwok plays the controllers). Its tenants: the review stacks and the sweep
 * (webstack:access), and the developers alice and bob, each with their own namespace.
 */
export function sharedStack(cluster: LocalCluster, secrets: { webServerToken: string }, tag = imageTags.first): RunOptions {
    return {
        plainConfig: {
            "webstack:cloud": "existing",
            "webstack:platform": { ingressController: false, certManager: false },
            "webstack:existing": {
                loadBalancerAddresses: true,
                developers: [{ principal: "alice", stacks: ["dev-alice"] }, { principal: "bob", stacks: ["dev-bob"] }],
            },
            "webstack:access": { previewers: ["previewer"], reviewStacks: ["review-stacks"], sweepers: ["stack-sweeper"] },
            "webstack:acmeEmail": "platform@example.com",
            "webstack:domain": sharedDomain,
            "webstack:imageTag": tag,
            "webstack:apps": devApps(),
        },
        secretConfig: { "webstack:kubeconfig": cluster.kubeconfig, "webstack:webServerToken": secrets.webServerToken },
    };
}

/**
 * A tenant stack (dev-alice, pr-42): its own secret, the dev apps, the shared stack found by its name, and its
 * own identity's kubeconfig (the shared stack exports its kubeconfig without credentials).
 */
export function tenantStack(cluster: LocalCluster, identity: Identity, secrets: { webServerToken: string }, tag = imageTags.first): RunOptions {
    return {
        plainConfig: { "webstack:imageTag": tag, "webstack:apps": devApps() },
        secretConfig: { "webstack:webServerToken": secrets.webServerToken, "webstack:kubeconfig": cluster.kubeconfigOf(identity) },
    };
}

/**
 * What the review-stack workflow's trusted job does before a pull request's stack runs (npm run stack -- provision):
 * its namespace with the shared stack's tenant quota and LimitRange, and the tenant role for the review stacks,
 * applied as the sweep's identity.
 */
export function provisionReviewNamespace(cluster: LocalCluster, namespace: string): void {
    const { binary, env } = cluster.kubectlEnvOf("stack-sweeper");
    applyTenantNamespace(new Kubectl({ cwd: projectDir, env }, binary), namespace, { subjects: [userSubject("review-stacks")] });
}
