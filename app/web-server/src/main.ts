import { optionsFromEnv } from "./env";
import { logEvent, stdoutLogger } from "./log";
import { startServer } from "./server";

function fail(event: string, error: unknown): never {
    logEvent(stdoutLogger, { event, message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
}

async function main(): Promise<void> {
    const server = await startServer(optionsFromEnv(process.env));
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
        if (stopping) {
            // A second signal (Ctrl-C twice) means: do not wait.
            logEvent(stdoutLogger, { event: "shutdown", signal, forced: true });
            process.exit(1);
        }
        stopping = true;
        logEvent(stdoutLogger, { event: "shutdown", signal });
        server.close().then(
            ({ drained }) => process.exit(drained ? 0 : 1),
            (error: unknown) => fail("shutdown-failed", error),
        );
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
}

main().catch((error: unknown) => fail("startup-failed", error));
