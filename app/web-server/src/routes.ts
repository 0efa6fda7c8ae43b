import type { IncomingMessage } from "node:http";
import { hasBearerToken } from "./auth";
import type { Counter } from "./counter";

/** What the routes read; built once by the server. */
export interface AppContext {
    counter: Counter;
    podName: string;
    version: string;
    /** Token for `/api/visits`; undefined turns that endpoint off (503). */
    apiToken: string | undefined;
}

/** A response, decided before anything is written. */
export interface Reply {
    status: number;
    body: string;
    headers: Record<string, string>;
}

type Route = (req: IncomingMessage, app: AppContext) => Reply | Promise<Reply>;

const ALLOWED_METHODS = ["GET", "HEAD"];

const routes = new Map<string, Route>([
    ["/", async (req, app) => {
        // HEAD is not a visit: it reports the count without adding one.
        const visits = req.method === "HEAD" ? await app.counter.read() : await app.counter.increment();
        return text(200, `Hello from pod ${app.podName}, version ${app.version}. Visits: ${visits}\n`);
    }],
    // Readiness: the visit count (on the volume, or in redis) can be read. Liveness: the process answers.
    ["/healthz", async (_req, app) => {
        await app.counter.read();
        return text(200, "ok");
    }],
    ["/livez", () => text(200, "ok")],
    ["/api/visits", async (req, app) => {
        if (app.apiToken === undefined) return json(503, { error: "API_TOKEN is not configured" });
        if (!hasBearerToken(req.headers.authorization, app.apiToken)) {
            return json(401, { error: "a valid bearer token is required" }, { "WWW-Authenticate": 'Bearer realm="web-server"' });
        }
        return json(200, { visits: await app.counter.read() });
    }],
]);

/** The path without its query string; the query is neither routed on nor logged. */
export function pathOf(req: IncomingMessage): string {
    return (req.url ?? "/").split("?", 1)[0];
}

/** Routes a request: unknown paths 404, known paths with a method other than GET/HEAD 405. */
export async function handle(req: IncomingMessage, app: AppContext): Promise<Reply> {
    const route = routes.get(pathOf(req));
    if (!route) return text(404, "not found\n");
    if (!ALLOWED_METHODS.includes(req.method ?? "")) {
        return text(405, "method not allowed\n", { Allow: ALLOWED_METHODS.join(", ") });
    }
    return route(req, app);
}

export function text(status: number, body: string, headers: Record<string, string> = {}): Reply {
    return { status, body, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } };
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
    return { status, body: `${JSON.stringify(value)}\n`, headers: { "Content-Type": "application/json", ...headers } };
}
