import * as pulumi from "@pulumi/pulumi";
import { namespace } from "./errors";
import { parseStackConfig, type ParsedConfig } from "./parse";
import { projectDir } from "./project";

/** The stack's configuration, validated before any resource is registered, plus access to its secrets. */
export interface WebstackConfig extends ParsedConfig {
    project: string;
    /** Pulumi organization of the stack (used to find the shared dev stack). */
    organization: string;
    /** A secret config value of the webstack namespace, as a secret Output (config.requireSecret). */
    secret(key: string): pulumi.Output<string>;
}

/** The engine marks keys set with `--secret`; the SDK keeps that list in its config store. */
function isConfigSecret(fullKey: string): boolean {
    const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
    return runtime.isConfigSecret?.(fullKey) ?? false;
}

/** Reads and validates this stack's config; throws a ConfigError naming every problem. */
export function loadConfig(): WebstackConfig {
    const parsed = parseStackConfig(pulumi.runtime.allConfig(), { stack: pulumi.getStack(), isSecret: isConfigSecret, projectDir });
    const config = new pulumi.Config(namespace);
    return {
        ...parsed,
        project: pulumi.getProject(),
        organization: pulumi.getOrganization(),
        secret: (key) => config.requireSecret(key),
    };
}
