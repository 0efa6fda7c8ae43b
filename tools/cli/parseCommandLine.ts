import { parseArgs, type ParseArgsConfig } from "node:util";
import type { CommandOutput } from "./output";

/**
 * node's parseArgs plus what every CLI here does first: `--help`/`-h` prints the usage to stdout (exit 0), and a
 * command line parseArgs rejects (an unknown option, an option without its value) is reported as one line plus
 * the usage on stderr instead of a stack trace (exit 2). Either way `{ exit }` comes back and the caller returns it.
 * The config's options must include `help: { type: "boolean", short: "h" }`.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string, io: CommandOutput): ReturnType<typeof parseArgs<T>> | { exit: number } {
    try {
        const parsed = parseArgs(config);
        if ((parsed.values as Record<string, unknown>).help === true) {
            io.out(usage);
            return { exit: 0 };
        }
        return parsed;
    } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) throw e;
        io.err(`${(e as Error).message}\n${usage}`);
        return { exit: 2 };
    }
}
