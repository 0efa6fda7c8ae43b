import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { engineString, readYaml } from "../../infra/config/stackFile";
import { closest } from "../../infra/config/suggest";
import { isTenantStackName } from "../../infra/kube/tenancy";
import { UserError } from "../cli/userError";
import { tenantStackFileConfig } from "../workflow/tenantTemplate";

/** A stack's config the way the engine hands it to the program: flat string values, plus which keys are secret. */
export interface StackConfig {
    config: Record<string, string>;
    secretKeys: string[];
    /** Where the stack's own values came from (a file, or the tenant template). */
    source: string;
}

/** What a render uses in place of a `secure:` value: the ciphertext is never decrypted offline. */
export const offlineSecretPlaceholder = "offline-render-placeholder-secret";

function isSecure(value: unknown): boolean {
    return value !== null && typeof value === "object" && Object.keys(value).length === 1 && "secure" in value;
}

/** Replaces `secure:` leaves with the placeholder; reports whether any was found. */
function unsecure(value: unknown): { value: unknown; secret: boolean } {
    if (isSecure(value)) return { value: offlineSecretPlaceholder, secret: true };
    if (Array.isArray(value)) {
        const items = value.map(unsecure);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value).map(([k, v]) => [k, unsecure(v)] as const);
        return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
    }
    return { value, secret: false };
}

/** A config key as the engine names it: keys without a namespace belong to the project. */
function fullKey(key: string, project: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** Project-level defaults from Pulumi.yaml's `config:` block (short `key: value` or `{ default | value }`). */
function projectDefaults(project: Record<string, unknown>, name: string): Record<string, unknown> {
    const block = (project.config ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, spec] of Object.entries(block)) {
        const value = spec !== null && typeof spec === "object" && !Array.isArray(spec) && ("default" in spec || "value" in spec)
            ? (spec as { default?: unknown; value?: unknown }).value ?? (spec as { default?: unknown }).default
            : spec;
        if (value !== undefined) out[fullKey(key, name)] = value;
    }
    return out;
}

export interface ReadStackConfigOptions {
    /** Directory holding Pulumi.yaml. */
    projectDir: string;
    stack: string;
    /** A file in the stack-file format used instead of Pulumi.<stack>.yaml. */
    configFile?: string;
    /** Values set on top, as `pulumi config set` would (e.g. the image tag). */
    overrides?: Record<string, string>;
}

/** The stacks that have a stack file in `projectDir`. */
function stackFiles(projectDir: string): string[] {
    return readdirSync(projectDir).flatMap((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1] ?? []).sort();
}

/**
 * The stack's own config: its file (or `configFile`); for a tenant stack without a file, the config
 * `npm run stack -- create` would give it. Anything else missing is a UserError naming the file.
 */
function ownConfig(options: ReadStackConfigOptions): { own: Record<string, unknown>; source: string } {
    const stackFile = options.configFile ?? join(options.projectDir, `Pulumi.${options.stack}.yaml`);
    if (existsSync(stackFile)) return { own: (readYaml(stackFile).config ?? {}) as Record<string, unknown>, source: stackFile };
    if (options.configFile) throw new UserError(`config file ${options.configFile} does not exist`);
    if (isTenantStackName(options.stack)) return { own: tenantStackFileConfig(options.projectDir), source: `template for stack ${options.stack}` };
    const stacks = stackFiles(options.projectDir);
    const hint = closest(options.stack, stacks);
    throw new UserError(
        `stack ${options.stack} has no stack file (${stackFile} does not exist); the stacks here are ${stacks.join(", ") || "none"}` +
            `${hint ? ` (did you mean ${hint}?)` : ""}, and tenant stacks dev-<name> and pr-<number> need none`,
    );
}

/** Pulumi.yaml defaults plus the stack's own file, as the engine would merge them. */
export function readStackConfig(options: ReadStackConfigOptions): StackConfig {
    const project = readYaml(join(options.projectDir, "Pulumi.yaml"));
    const name = String(project.name);
    const { own, source } = ownConfig(options);
    const merged: Record<string, unknown> = { ...projectDefaults(project, name) };
    for (const [key, value] of Object.entries(own)) merged[fullKey(key, name)] = value;
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(merged)) {
        const clear = unsecure(value);
        config[key] = engineString(clear.value);
        if (clear.secret) secretKeys.push(key);
    }
    Object.assign(config, options.overrides ?? {});
    return { config, secretKeys: secretKeys.sort(), source };
}
