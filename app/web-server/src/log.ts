/** Receives one finished log line (JSON, no trailing newline). */
export type Logger = (line: string) => void;

/** Writes each line to stdout, where the container runtime collects it. */
export const stdoutLogger: Logger = (line) => {
    process.stdout.write(`${line}\n`);
};

/**
 * Logs one event as a JSON line. Callers pass only the fields they mean to publish: request headers (and so
 * the Authorization token) and query strings are never handed to this function.
 */
export function logEvent(logger: Logger, fields: Record<string, string | number | boolean>): void {
    logger(JSON.stringify({ time: new Date().toISOString(), ...fields }));
}
