import { randomBytes } from "node:crypto";
import { namespace } from "../../infra/config/errors";
import { sharedStackName } from "../../infra/config/inherit";
import { stackFileConfig } from "../../infra/config/stackFile";

/** Secret config keys the shared stack's apps read through secretEnv; a tenant stack needs its own values. */
export function tenantSecretKeys(projectDir: string, sharedStack = "dev"): string[] {
    const config = stackFileConfig(projectDir, sharedStack) ?? {};
    const apps = (config[`${namespace}:apps`] ?? {}) as Record<string, { secretEnv?: Record<string, string> }>;
    return [...new Set(Object.values(apps).flatMap((app) => Object.values(app.secretEnv ?? {})))].sort();
}

/** A fresh random value for a tenant's secret (tenant stacks are throw-away; nobody needs to know it). */
export function generateSecret(): string {
    return randomBytes(24).toString("base64url");
}

/**
 * The config `npm run stack -- create` gives a new tenant stack, in stack-file form: one secret per key the
 * inherited apps need. The offline render uses it for tenant stacks that have no stack file, with the secret
 * left encrypted (a `secure:` value the render never decrypts).
 */
export function tenantStackFileConfig(projectDir: string, all: Record<string, string> = {}): Record<string, unknown> {
    return Object.fromEntries(
        tenantSecretKeys(projectDir, sharedStackName(all)).map((key) => [`${namespace}:${key}`, { secure: "v1:tenant-secret-set-by-stack-create" }]),
    );
}
