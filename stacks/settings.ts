import { bootstrapEnv, parseBootstrap } from "../infra/config/bootstrap";
import { ConfigError } from "../infra/config/errors";
import { parseImageDigests } from "../infra/config/imageDigests";
import { loadConfig, type WebstackConfig } from "../infra/config/load";
import { resolveImageTag, type ResolvedTag } from "../infra/config/imageTag";

export interface StackSettings {
    config: WebstackConfig;
    /** The tag of the images built here (the git SHA). */
    imageTag: ResolvedTag;
    /** Digest of each app's image, by app name, from IMAGE_DIGESTS (CI's builds); empty without it. */
    imageDigests: Record<string, string>;
    /** Apps this run leaves out: the apps built here, on a bootstrap up (WEBSTACK_BOOTSTRAP); otherwise none. */
    deferredApps: string[];
}

/**
 * The stack's validated config, the tag of the images built here and their digests: the first thing the program
 * does, before any resource is registered. Throws one ConfigError naming every problem of the tag and digests.
 */
export function stackSettings(): StackSettings {
    const config = loadConfig();
    const problems: string[] = [];
    let imageTag: ResolvedTag | undefined;
    try {
        imageTag = resolveImageTag({
            configured: config.imageTag,
            env: process.env,
            repoDir: process.cwd(),
            prod: config.prod,
            allowDirty: config.allowDirty,
        });
    } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        problems.push(...err.problems);
    }
    const digests = parseImageDigests(process.env.IMAGE_DIGESTS, config.apps);
    problems.push(...digests.problems);
    const bootstrap = parseBootstrap(process.env[bootstrapEnv], { apps: config.apps, tenantStack: config.tenantStack, imageDigests: process.env.IMAGE_DIGESTS });
    problems.push(...bootstrap.problems);
    if (problems.length > 0 || imageTag === undefined) throw new ConfigError(problems);
    return { config, imageTag, imageDigests: digests.digests, deferredApps: bootstrap.deferredApps };
}
