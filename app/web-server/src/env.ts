import type { ServerOptions } from "./server";

/**
 * Reads the server options from the environment the Deployment sets. Unset or empty variables leave the
 * server's defaults in place. Throws on values that cannot work, naming the variable but never its value.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv): ServerOptions {
    const apiToken = nonEmpty(env.API_TOKEN);
    if (apiToken !== undefined && /\s/.test(apiToken)) {
        throw new Error("API_TOKEN must not contain whitespace (a bearer token could never match it)");
    }
    const redisUrl = nonEmpty(env.REDIS_URL);
    const redisPassword = nonEmpty(env.REDIS_PASSWORD);
    if (redisPassword !== undefined && redisUrl === undefined) throw new Error("REDIS_PASSWORD is set but REDIS_URL is not");
    return {
        host: nonEmpty(env.HOST),
        port: parsePort(nonEmpty(env.PORT)),
        dataDir: nonEmpty(env.DATA_DIR),
        podName: nonEmpty(env.POD_NAME),
        version: nonEmpty(env.APP_VERSION),
        apiToken,
        ...(redisUrl !== undefined ? { redis: { url: redisUrl, password: redisPassword } } : {}),
    };
}

/** Trimmed, so a Secret written with a trailing newline still works. */
function nonEmpty(value: string | undefined): string | undefined {
    const trimmed = value?.trim();
    return trimmed ? trimmed : undefined;
}

function parsePort(value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    const port = Number(value);
    if (!/^\d+$/.test(value) || port > 65535) {
        throw new Error(`PORT must be a number from 0 to 65535, got ${JSON.stringify(value)}`);
    }
    return port;
}
