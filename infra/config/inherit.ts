import { namespace } from "./errors";
import { engineString, stackFileConfig } from "./stackFile";

/**
 * Keys a tenant stack takes from the shared stack's file: its apps and domain unless it sets them itself, and the
 * tenant limits its namespace gets from trusted code (which the config rules forbid it to set).
 */
export const inheritedKeys = ["apps", "domain", "tenant"] as const;

/** The shared stack a tenant deploys onto: `<org>/<project>/<stack>` from webstack:sharedCluster, or dev. */
export function sharedStackName(all: Record<string, string>): string {
    return all[`${namespace}:sharedCluster`]?.split("/").pop() ?? "dev";
}

/**
 * Tenant stacks deploy the apps the shared stack's file declares, so a pull request's stack previews the
 * pull request's own app definitions without copying them. Only plain keys are inherited; secrets never are.
 */
export function withSharedStackDefaults(all: Record<string, string>, projectDir: string): Record<string, string> {
    // No file: a shared stack of another checkout, whose config is not ours to read.
    const shared = stackFileConfig(projectDir, sharedStackName(all));
    if (!shared) return all;
    const out = { ...all };
    for (const key of inheritedKeys) {
        const full = `${namespace}:${key}`;
        if (out[full] === undefined && shared[full] !== undefined) out[full] = engineString(shared[full]);
    }
    return out;
}
