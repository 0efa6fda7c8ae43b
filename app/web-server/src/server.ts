import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { hostname } from "node:os";
import { systemClock, type Clock } from "./clock";
import { logEvent, stdoutLogger, type Logger } from "./log";
import type { Counter } from "./counter";
import { RedisCounter, type RedisOptions } from "./redisCounter";
import { handle, pathOf, text, type AppContext, type Reply } from "./routes";
import { VisitCounter } from "./visits";

export interface ServerOptions {
    /** Interface to listen on. Default "0.0.0.0". */
    host?: string;
    /** Port to listen on; 0 picks a free one. Default 8080. */
    port?: number;
    /** Directory of the `visits` file (the volume). Default "/data". Not used with `redis`. */
    dataDir?: string;
    /** Count visits in redis instead of on the volume (REDIS_URL, REDIS_PASSWORD). Default: on the volume. */
    redis?: RedisOptions;
    /** Pod name shown on `/`. Default `os.hostname()` (the pod name in Kubernetes). */
    podName?: string;
    /** Version shown on `/` (the image's git SHA). Default "dev". */
    version?: string;
    /** Bearer token for `/api/visits`. Default none: the endpoint answers 503. */
    apiToken?: string;
    /** Receives the JSON log lines. Default stdout. */
    logger?: Logger;
    /** How long `close()` waits for in-flight requests before cutting connections. Default 10 000 ms. */
    shutdownTimeoutMs?: number;
    /** Awaited before each request is routed. Default none. For instrumentation and tests (holding a request in flight). */
    beforeHandle?: (req: IncomingMessage) => void | Promise<void>;
    /** Times requests, lock waits and the shutdown timeout. Default the system clock. */
    clock?: Clock;
}

export interface CloseResult {
    /** False when in-flight requests outlived the shutdown timeout and their connections were cut. */
    drained: boolean;
}

export interface RunningServer {
    /** The port actually listened on. */
    port: number;
    /** Stops accepting, waits for in-flight requests (bounded), stores and closes the counter. Idempotent. */
    close(): Promise<CloseResult>;
}

/**
 * Above Traefik's idle timeout for its connections to backends (serversTransport idleConnTimeout, 90 s by default),
 * so the proxy never reuses a connection we just closed (it would answer that request with a 502).
 */
const KEEP_ALIVE_TIMEOUT_MS = 95_000;

const SECURITY_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

function openCounter(options: ServerOptions, clock: Clock): Promise<Counter> {
    return options.redis ? RedisCounter.open(options.redis) : VisitCounter.open(options.dataDir ?? "/data", { clock });
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
    const logger = options.logger ?? stdoutLogger;
    const clock = options.clock ?? systemClock;
    const app: AppContext = {
        counter: await openCounter(options, clock),
        podName: options.podName ?? hostname(),
        version: options.version ?? "dev",
        apiToken: options.apiToken || undefined,
    };
    let closing = false;

    const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
        let reply: Reply;
        try {
            await options.beforeHandle?.(req);
            reply = await handle(req, app);
        } catch (error) {
            logEvent(logger, { event: "error", path: pathOf(req), message: error instanceof Error ? error.message : String(error) });
            reply = text(500, "internal error\n");
        }
        if (res.destroyed) return;
        const headers = { ...SECURITY_HEADERS, ...reply.headers, "Content-Length": String(Buffer.byteLength(reply.body)) };
        // Once closing, a finished request must not leave a keep-alive connection behind.
        res.writeHead(reply.status, closing ? { ...headers, Connection: "close" } : headers);
        res.end(reply.body);
    };

    const server = createServer((req, res) => {
        const started = clock.now();
        res.once("close", () => {
            logEvent(logger, {
                method: req.method ?? "",
                path: pathOf(req).slice(0, 256),
                status: res.statusCode,
                ms: clock.now() - started,
                ...(res.writableFinished ? {} : { aborted: true }),
            });
        });
        void respond(req, res);
    });
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;

    const host = options.host ?? "0.0.0.0";
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 8080, host, () => {
            server.off("error", reject);
            resolve();
        });
    });
    const port = (server.address() as AddressInfo).port;
    logEvent(logger, { event: "listening", host, port, pod: app.podName, version: app.version, visits: app.counter.current, apiToken: app.apiToken !== undefined });

    const shutdown = async (): Promise<CloseResult> => {
        closing = true;
        const allClosed = new Promise<boolean>((resolve) => server.close(() => resolve(true)));
        server.closeIdleConnections();
        const timer = new AbortController();
        const timedOut = clock.sleep(options.shutdownTimeoutMs ?? 10_000, timer.signal).then(() => false, () => false);
        const drained = await Promise.race([allClosed, timedOut]);
        timer.abort();
        if (!drained) server.closeAllConnections();
        await app.counter.close();
        logEvent(logger, { event: "closed", drained, visits: app.counter.current });
        return { drained };
    };
    let closed: Promise<CloseResult> | undefined;
    return { port, close: () => (closed ??= shutdown()) };
}
