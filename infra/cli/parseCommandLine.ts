import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * node's parseArgs, with a command line it rejects (an unknown option, an option without its value) reported as
 * one line plus the usage instead of a stack trace. Undefined then: the caller exits with 2.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string, err: (line: string) => void): ReturnType<typeof parseArgs<T>> | undefined {
    try {
        return parseArgs(config);
    } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) throw e;
        err(`${(e as Error).message}\n${usage}`);
        return undefined;
    }
}
