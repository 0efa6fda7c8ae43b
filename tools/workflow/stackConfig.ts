import { parseStackConfig, type ParsedConfig } from "../../infra/config/parse";
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
