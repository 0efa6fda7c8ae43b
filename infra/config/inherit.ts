import { existsSync } from "node:fs";
import { join } from "node:path";
import { namespace } from "./errors";
import { engineString, readYaml } from "./stackFile";

/**
 * Keys a tenant stack takes from the shared stack's file: its apps and domain unless it sets them itself, and the
 * tenant limits its namespace gets from trusted code (which the config rules forbid it to set).
 */
export const inheritedKeys = ["apps", "domain", "tenant"] as const;

/** The shared stack a tenant deploys onto: `<org>/<project>/<stack>` from webstack:sharedCluster, or dev. */
export function sharedStackName(all: Record<string, string>): string {
    return all[`${namespace}:sharedCluster`]?.split("/").pop() ?? "dev";
}

/** The shared stack file's config, or nothing when the file is not there (a stack of another checkout). */
function sharedStackConfig(all: Record<string, string>, projectDir: string): Record<string, unknown> | undefined {
    const file = join(projectDir, `Pulumi.${sharedStackName(all)}.yaml`);
    return existsSync(file) ? ((readYaml(file).config ?? {}) as Record<string, unknown>) : undefined;
}

/**
 * Tenant stacks deploy the apps the shared stack's file declares, so a pull request's stack previews the
 * pull request's own app definitions without copying them. Only plain keys are inherited; secrets never are.
 */
export function withSharedStackDefaults(all: Record<string, string>, projectDir: string): Record<string, string> {
    const shared = sharedStackConfig(all, projectDir);
    if (!shared) return all;
    const out = { ...all };
    for (const key of inheritedKeys) {
        const full = `${namespace}:${key}`;
        if (out[full] === undefined && shared[full] !== undefined) out[full] = engineString(shared[full]);
    }
    return out;
}
