import { parse, stringify } from "yaml";

/** Reading kubeconfig files: the parts of them the program looks at. */

interface KubeconfigUser {
    name: string;
    user?: Record<string, unknown>;
}

interface Kubeconfig {
    "current-context"?: string;
    contexts?: { name: string; context: { cluster: string; user?: string } }[];
    clusters?: { name: string; cluster: { server: string } }[];
    users?: KubeconfigUser[];
}

/**
 * The fields of a kubeconfig user that are a credential in themselves: whoever reads them acts as that user. An
 * `exec` plugin (gke-gcloud-auth-plugin, aws eks get-token) is not one: it asks the caller's own login.
 */
const credentialFields = ["token", "tokenFile", "client-key-data", "client-key", "password", "auth-provider"];

const usersOf = (kubeconfig: string): KubeconfigUser[] => ((parse(kubeconfig) ?? {}) as Kubeconfig).users ?? [];

/** The credential fields a kubeconfig carries, as `<user>.<field>`. */
export function kubeconfigCredentials(kubeconfig: string): string[] {
    return usersOf(kubeconfig).flatMap((u) => credentialFields.filter((f) => u.user?.[f] !== undefined).map((f) => `${u.name}.${f}`));
}

/** Whether a kubeconfig's users authenticate through an exec plugin (each caller's own cloud login). */
export function usesExecPlugin(kubeconfig: string): boolean {
    const users = usersOf(kubeconfig);
    return users.length > 0 && users.every((u) => u.user?.exec !== undefined);
}

/** The kubeconfig without its credentials: where the cluster is and how to trust it, not who to be there. */
export function withoutCredentials(kubeconfig: string): string {
    const doc = (parse(kubeconfig) ?? {}) as Kubeconfig;
    const users = (doc.users ?? []).map((u) => ({
        ...u,
        user: Object.fromEntries(Object.entries(u.user ?? {}).filter(([field]) => !credentialFields.includes(field) && field !== "client-certificate-data" && field !== "client-certificate" && field !== "username")),
    }));
    return stringify({ ...doc, users });
}

/** Only the context in use, its cluster and its user (like `kubectl config view --minify --raw`). */
export function minifyKubeconfig(kubeconfig: string, context: string | undefined): string {
    const doc = (parse(kubeconfig) ?? {}) as Kubeconfig;
    const contextName = context ?? doc["current-context"];
    const ctx = doc.contexts?.find((c) => c.name === contextName);
    if (!ctx) return kubeconfig;
    return stringify({
        ...doc,
        "current-context": ctx.name,
        contexts: [ctx],
        clusters: doc.clusters?.filter((c) => c.name === ctx.context.cluster) ?? [],
        users: doc.users?.filter((u) => u.name === ctx.context.user) ?? [],
    });
}

/** The cluster name and API server of a kubeconfig context, or placeholders when it cannot be read. */
export function describeContext(kubeconfig: string | undefined, context: string | undefined): { name: string; endpoint: string } {
    const doc = (kubeconfig ? parse(kubeconfig) : {}) as Kubeconfig | null;
    const contextName = context ?? doc?.["current-context"];
    const clusterName = doc?.contexts?.find((c) => c.name === contextName)?.context.cluster;
    const server = doc?.clusters?.find((c) => c.name === clusterName)?.cluster.server;
    return { name: clusterName ?? contextName ?? "current-context", endpoint: server ?? "(from the default kubeconfig)" };
}
