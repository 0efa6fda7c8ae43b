import { parseStackConfig, type ParsedConfig } from "../../infra/config/parse";
import { UserError } from "../cli/userError";
import { readStackConfig } from "../render/stackConfig";

/**
 * A stack's validated config, read from its stack file as the engine would merge it (a tenant stack without a
 * file gets the config `npm run stack -- create` would give it, and the shared stack's apps). Secret values are
 * never read: the offline placeholder stands in for them. Throws a ConfigError naming every problem.
 */
export function stackConfig(projectDir: string, stack: string, options: { configFile?: string; overrides?: Record<string, string> } = {}): ParsedConfig {
    const view = readStackConfig({
        projectDir,
        stack,
        configFile: options.configFile,
        overrides: options.overrides,
    });
    return parseStackConfig(view.config, { stack, projectDir, isSecret: (key) => view.secretKeys.includes(key) });
}

/** The cloud of a stack that owns its cluster (webstack:cloud); a tenant stack has none of its own. */
export function stackCloud(projectDir: string, stack: string): string {
    const config = stackConfig(projectDir, stack);
    if (!config.cloud) throw new UserError(`${stack} is a tenant stack, which runs on its shared stack's cluster: ask for the shared stack's cloud (dev)`);
    return config.cloud;
}
