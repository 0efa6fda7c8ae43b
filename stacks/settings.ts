import { loadConfig, type WebstackConfig } from "../infra/config/load";
import { resolveImageTag, type ResolvedTag } from "../infra/config/imageTag";

/**
 * The stack's validated config and the tag of the images built here: the first thing the program does, before
 * any resource is registered. Throws a ConfigError naming every problem.
 */
export function stackSettings(): { config: WebstackConfig; imageTag: ResolvedTag } {
    const config = loadConfig();
    const imageTag = resolveImageTag({
        configured: config.imageTag,
        env: process.env,
        repoDir: process.cwd(),
        prod: config.prod,
        allowDirty: config.allowDirty,
    });
    return { config, imageTag };
}
