import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, rmdir, stat, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, test } from "node:test";
import { optionsFromEnv } from "../../../../app/web-server/src/env";
import { startServer, type ServerOptions } from "../../../../app/web-server/src/server";
import { VisitCounter } from "../../../../app/web-server/src/visits";
import { ManualClock } from "../../../support/manualClock";

const TOKEN = "tok-3f9c2a7e-never-log-me";
const APP_DIR = resolve(__dirname, "../../../../app/web-server");

/** The part of node:test's TestContext used here. */
interface TestContext {
    after(fn: () => unknown): void;
}

async function tempDir(t: TestContext): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "web-server-"));
    t.after(() => rm(dir, { recursive: true, force: true }));
    return dir;
}

/** Starts the server in-process on 127.0.0.1, a free port and a fresh data dir; closed after the test. */
async function start(t: TestContext, options: ServerOptions = {}) {
    const dataDir = options.dataDir ?? (await tempDir(t));
    const logs: string[] = [];
    const server = await startServer({
        host: "127.0.0.1",
        port: 0,
        podName: "pod-a",
        version: "0123abc",
        logger: (line) => logs.push(line),
        ...options,
        dataDir,
    });
    t.after(() => server.close());
    const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
    return { server, url, logs, dataDir };
}

function visitsIn(body: string): number {
    const match = /Visits: (\d+)\n$/.exec(body);
    assert.ok(match, `no visit count in ${JSON.stringify(body)}`);
    return Number(match[1]);
}

async function getVisit(url: string): Promise<number> {
    const res = await fetch(url);
    assert.equal(res.status, 200);
    return visitsIn(await res.text());
}

function deferred() {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
}

/** Reports whether a promise has settled, without awaiting it. */
function settledFlag(promise: Promise<unknown>): () => boolean {
    let settled = false;
    promise.then(
        () => (settled = true),
        () => (settled = true),
    );
    return () => settled;
}

describe("web-server: GET /", () => {
    test("answers one text line naming the pod and version, and counts each visit", async (t) => {
        const { url } = await start(t, { podName: "web-server-7d9f-x2k", version: "4f2c1e9" });
        const res = await fetch(url("/"));
        assert.equal(res.status, 200);
        assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
        assert.equal(res.headers.get("cache-control"), "no-store");
        const body = await res.text();
        assert.match(body, /^[^\n]*web-server-7d9f-x2k[^\n]*4f2c1e9[^\n]*\n$/);
        assert.equal(visitsIn(body), 1);
        assert.equal(await getVisit(url("/")), 2);
    });

    test("defaults: version dev, pod name from the host name", async (t) => {
        const { url } = await start(t, { podName: undefined, version: undefined });
        const body = await (await fetch(url("/"))).text();
        assert.match(body, /version dev\./);
        assert.match(body, new RegExp(`pod ${hostname()},`));
    });

    test("HEAD / and /healthz do not count as visits", async (t) => {
        const { url } = await start(t);
        assert.equal(await getVisit(url("/")), 1);
        for (let i = 0; i < 3; i++) {
            const res = await fetch(url("/healthz"));
            assert.equal(res.status, 200);
            assert.equal(await res.text(), "ok");
        }
        const head = await fetch(url("/"), { method: "HEAD" });
        assert.equal(head.status, 200);
        assert.equal(await getVisit(url("/")), 2);
    });

    test("/healthz (readiness) fails while the volume's count cannot be read; /livez (liveness) still answers", async (t) => {
        const { url, dataDir, logs } = await start(t);
        assert.equal((await fetch(url("/livez"))).status, 200);
        assert.equal((await fetch(url("/healthz"))).status, 200);
        await writeFile(join(dataDir, "visits"), "garbage\n");
        assert.equal((await fetch(url("/healthz"))).status, 500);
        assert.ok(logs.some((l) => JSON.parse(l).event === "error" && /does not hold a visit count/.test(JSON.parse(l).message)));
        const live = await fetch(url("/livez"));
        assert.equal(live.status, 200, "a restart cannot repair the volume: liveness must not fail with it");
        assert.equal(await live.text(), "ok");
    });

    test("query strings are ignored for routing", async (t) => {
        const { url } = await start(t);
        assert.equal((await fetch(url("/healthz?probe=1"))).status, 200);
        assert.equal(await getVisit(url("/?utm=x")), 1);
    });
});

describe("web-server: visit counter on the volume", () => {
    test("persists across a restart and continues the count", async (t) => {
        const first = await start(t);
        for (let i = 1; i <= 3; i++) assert.equal(await getVisit(first.url("/")), i);
        await first.server.close();
        assert.equal(await readFile(join(first.dataDir, "visits"), "utf8"), "3\n");

        const second = await start(t, { dataDir: first.dataDir });
        assert.equal(await getVisit(second.url("/")), 4);
    });

    test("50 concurrent visits are counted exactly once each", async (t) => {
        const { url, dataDir } = await start(t, { apiToken: TOKEN });
        const seen = await Promise.all(Array.from({ length: 50 }, () => getVisit(url("/"))));
        assert.deepEqual([...seen].sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
        assert.equal(await readFile(join(dataDir, "visits"), "utf8"), "50\n");
        const api = await fetch(url("/api/visits"), { headers: { Authorization: `Bearer ${TOKEN}` } });
        assert.deepEqual(await api.json(), { visits: 50 });
    });

    test("creates a missing data dir and starts from 0", async (t) => {
        const dataDir = join(await tempDir(t), "nested", "data");
        const { url } = await start(t, { dataDir });
        assert.equal(await getVisit(url("/")), 1);
        assert.equal(await readFile(join(dataDir, "visits"), "utf8"), "1\n");
    });

    test("refuses to start over a file that is not a count, rather than resetting it", async (t) => {
        const dataDir = await tempDir(t);
        for (const content of ["", "12abc\n", "-4\n"]) {
            await writeFile(join(dataDir, "visits"), content);
            await assert.rejects(startServer({ host: "127.0.0.1", port: 0, dataDir, logger: () => {} }), /does not hold a visit count/);
        }
    });

    test("a failed write answers 500, and the next write stores the latest count", async (t) => {
        const { url, logs, dataDir } = await start(t);
        // A directory where the temp file goes makes the write fail.
        await mkdir(join(dataDir, "visits.tmp"));
        const failed = await fetch(url("/"));
        assert.equal(failed.status, 500);
        assert.ok(logs.some((l) => JSON.parse(l).event === "error"));
        await rm(join(dataDir, "visits.tmp"), { recursive: true });
        assert.equal(await getVisit(url("/")), 2);
        assert.equal(await readFile(join(dataDir, "visits"), "utf8"), "2\n");
    });
});

/**
 * A replica: a separate Node process with its own VisitCounter on `dataDir`. It opens the counter (reading the
 * stored count, as a starting pod does), says "ready", and on "go" counts `visits` visits at once.
 */
function replica(dataDir: string, visits: number) {
    const script = `
        const { VisitCounter } = require(${JSON.stringify(join(APP_DIR, "src/visits.ts"))});
        VisitCounter.open(process.argv[1]).then((counter) => {
            process.stdout.write("ready\\n");
            process.stdin.once("data", async () => {
                const seen = await Promise.all(Array.from({ length: Number(process.argv[2]) }, () => counter.increment()));
                process.stdout.write(JSON.stringify(seen));
                process.exit(0);
            });
        });`;
    const child = spawn(process.execPath, ["--import", "tsx", "-e", script, dataDir, String(visits)], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const ready = new Promise<void>((resolveReady) => child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        if (out.startsWith("ready\n")) resolveReady();
    }));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const seen = new Promise<number[]>((resolveSeen, reject) => {
        child.on("exit", (code) => (code === 0 ? resolveSeen(JSON.parse(out.slice("ready\n".length))) : reject(new Error(`replica exited ${code}: ${out}${err}`))));
    });
    return { ready, seen, go: () => child.stdin.end("go\n") };
}

describe("web-server: replicas sharing one volume", () => {
    test("three processes visiting at once lose no visit and hand out each number once", { timeout: 60_000 }, async (t) => {
        const dataDir = await tempDir(t);
        const replicas = [replica(dataDir, 100), replica(dataDir, 100), replica(dataDir, 100)];
        // All have read the stored count (0) before any counts: the case where unlocked writers lose visits.
        await Promise.all(replicas.map((r) => r.ready));
        for (const r of replicas) r.go();
        const seen = (await Promise.all(replicas.map((r) => r.seen))).flat();
        assert.deepEqual([...seen].sort((a, b) => a - b), Array.from({ length: 300 }, (_, i) => i + 1));
        assert.equal(await readFile(join(dataDir, "visits"), "utf8"), "300\n");
    });

    test("a replica reports the visits the others counted", async (t) => {
        const a = await start(t);
        const b = await start(t, { dataDir: a.dataDir, apiToken: TOKEN });
        for (let i = 0; i < 3; i++) await getVisit(a.url("/"));
        assert.equal(await getVisit(b.url("/")), 4);
        assert.equal((await fetch(a.url("/"), { method: "HEAD" })).status, 200);
        const api = await fetch(b.url("/api/visits"), { headers: { Authorization: `Bearer ${TOKEN}` } });
        assert.deepEqual(await api.json(), { visits: 4 });
    });

    test("a write waits while another replica holds the lock", async (t) => {
        const dataDir = await tempDir(t);
        const clock = new ManualClock();
        const counter = await VisitCounter.open(dataDir, { clock });
        await mkdir(join(dataDir, "visits.lock"));
        const visit = counter.increment();
        const done = settledFlag(visit);
        for (let retry = 0; retry < 3; retry++) {
            await clock.sleeping();
            assert.equal(done(), false, "the visit must wait for the lock");
            clock.advance(10);
        }
        await clock.sleeping();
        await rmdir(join(dataDir, "visits.lock"));
        clock.advance(10);
        assert.equal(await visit, 1);
    });

    test("a lock left by a killed replica is broken once stale, and the lock is released after the write", async (t) => {
        const dataDir = await tempDir(t);
        const counter = await VisitCounter.open(dataDir, { staleMs: 1_000 });
        const lock = join(dataDir, "visits.lock");
        await mkdir(lock);
        const old = new Date(Date.now() - 60_000);
        await utimes(lock, old, old);
        assert.equal(await counter.increment(), 1);
        await assert.rejects(stat(lock), { code: "ENOENT" });
        await assert.rejects(stat(`${lock}.break`), { code: "ENOENT" });
    });

    test("a lock that is never released fails the visit after the timeout; the next write records it", async (t) => {
        const dataDir = await tempDir(t);
        const counter = await VisitCounter.open(dataDir, { timeoutMs: 100, clock: new ManualClock({ autoAdvance: true }) });
        await mkdir(join(dataDir, "visits.lock"));
        await assert.rejects(counter.increment(), /timed out waiting for the lock/);
        await rmdir(join(dataDir, "visits.lock"));
        assert.equal(await counter.increment(), 2);
        assert.equal(await readFile(join(dataDir, "visits"), "utf8"), "2\n");
    });
});

describe("web-server: /api/visits", () => {
    test("answers the count only to the bearer of the token", async (t) => {
        const { url } = await start(t, { apiToken: TOKEN });
        await getVisit(url("/"));
        const ask = (authorization?: string) => fetch(url("/api/visits"), { headers: authorization ? { Authorization: authorization } : {} });

        const missing = await ask();
        assert.equal(missing.status, 401);
        assert.match(missing.headers.get("www-authenticate") ?? "", /^Bearer/);
        for (const wrong of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN, "Bearer "]) {
            assert.equal((await ask(wrong)).status, 401, wrong);
        }

        const ok = await ask(`Bearer ${TOKEN}`);
        assert.equal(ok.status, 200);
        assert.equal(ok.headers.get("content-type"), "application/json");
        assert.deepEqual(await ok.json(), { visits: 1 });
        assert.equal((await ask(`bearer ${TOKEN}`)).status, 200, "the scheme is case-insensitive");
        assert.equal(await getVisit(url("/")), 2, "reading the count is not a visit");
    });

    test("answers 503 when no token is configured, whatever is presented", async (t) => {
        for (const apiToken of [undefined, ""]) {
            const { url } = await start(t, { apiToken });
            const res = await fetch(url("/api/visits"), { headers: { Authorization: "Bearer " } });
            assert.equal(res.status, 503);
        }
    });
});

describe("web-server: unknown paths and methods", () => {
    test("unknown paths 404, other methods than GET/HEAD 405 with Allow", async (t) => {
        const { url } = await start(t);
        assert.equal((await fetch(url("/nope"))).status, 404);
        assert.equal((await fetch(url("/healthz/"))).status, 404);
        assert.equal((await fetch(url("/nope"), { method: "POST" })).status, 404);
        for (const [method, path] of [["POST", "/"], ["PUT", "/api/visits"], ["DELETE", "/healthz"]]) {
            const res = await fetch(url(path), { method });
            assert.equal(res.status, 405, `${method} ${path}`);
            assert.equal(res.headers.get("allow"), "GET, HEAD");
        }
        assert.equal(await getVisit(url("/")), 1, "rejected requests are not visits");
    });
});

describe("web-server: shutdown", () => {
    test("close() stops accepting, waits for the in-flight request, then flushes the counter", async (t) => {
        const entered = deferred();
        const release = deferred();
        const { server, url, dataDir } = await start(t, {
            beforeHandle: async (req) => {
                if (req.url !== "/") return;
                entered.resolve();
                await release.promise;
            },
        });
        const inFlight = fetch(url("/"));
        await entered.promise;

        const closing = server.close();
        const closed = settledFlag(closing);
        await assert.rejects(fetch(url("/healthz")), "no new connections once closing");
        assert.equal(closed(), false, "close() must wait for the in-flight request");

        release.resolve();
        const res = await inFlight;
        assert.equal(res.status, 200);
        assert.equal(res.headers.get("connection"), "close");
        assert.equal(visitsIn(await res.text()), 1);
        assert.deepEqual(await closing, { drained: true });
        assert.equal(await readFile(join(dataDir, "visits"), "utf8"), "1\n");
        assert.equal(server.close(), closing, "close() is idempotent");
    });

    test("close() is bounded: a request that never finishes is cut after the timeout", async (t) => {
        const entered = deferred();
        const clock = new ManualClock();
        const { server, url, logs } = await start(t, {
            clock,
            shutdownTimeoutMs: 150,
            beforeHandle: () => {
                entered.resolve();
                return new Promise<void>(() => {});
            },
        });
        const inFlight = fetch(url("/"));
        await entered.promise;
        const closing = server.close();
        const closed = settledFlag(closing);
        await clock.sleeping();
        clock.advance(149);
        await new Promise((resolve) => setImmediate(resolve));
        assert.equal(closed(), false, "cut before the timeout");
        clock.advance(1);
        assert.deepEqual(await closing, { drained: false });
        await assert.rejects(inFlight);
        assert.ok(logs.some((l) => JSON.parse(l).event === "closed" && JSON.parse(l).drained === false));
    });

    test("the process exits 0 on SIGTERM after serving, with JSON logs that never contain the token", { timeout: 30_000 }, async () => {
        const dataDir = await mkdtemp(join(tmpdir(), "web-server-main-"));
        try {
            const child = spawn(process.execPath, ["--import", "tsx", join(APP_DIR, "src/main.ts")], {
                cwd: resolve(APP_DIR, "../.."),
                env: { ...process.env, HOST: "127.0.0.1", PORT: "0", DATA_DIR: dataDir, API_TOKEN: TOKEN, APP_VERSION: "feedbee", POD_NAME: "pod-main" },
                stdio: ["ignore", "pipe", "pipe"],
            });
            let stdout = "";
            let stderr = "";
            child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
            const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
            const port = await new Promise<number>((resolvePort, reject) => {
                child.stdout.on("data", (chunk: Buffer) => {
                    stdout += chunk.toString();
                    const listening = stdout.split("\n").find((l) => l.includes('"listening"'));
                    if (listening) resolvePort(JSON.parse(listening).port);
                });
                void exited.then((code) => reject(new Error(`exited ${code} before listening: ${stdout}${stderr}`)));
            });
            const body = await (await fetch(`http://127.0.0.1:${port}/`)).text();
            assert.match(body, /pod pod-main, version feedbee\. Visits: 1\n$/);
            const api = await fetch(`http://127.0.0.1:${port}/api/visits`, { headers: { Authorization: `Bearer ${TOKEN}` } });
            assert.equal(api.status, 200);

            child.kill("SIGTERM");
            assert.equal(await exited, 0, stdout + stderr);
            const events = stdout.trim().split("\n").map((l) => JSON.parse(l));
            assert.deepEqual(events.map((e) => e.event ?? `${e.method} ${e.path} ${e.status}`), [
                "listening",
                "GET / 200",
                "GET /api/visits 200",
                "shutdown",
                "closed",
            ]);
            assert.equal(events[0].apiToken, true);
            assert.ok(!(stdout + stderr).includes(TOKEN));
            assert.equal(await readFile(join(dataDir, "visits"), "utf8"), "1\n");
        } finally {
            await rm(dataDir, { recursive: true, force: true });
        }
    });
});

describe("web-server: logs", () => {
    test("one JSON line per request with method, path, status and ms; no token, no query string", async (t) => {
        const clock = new ManualClock();
        const { url, logs } = await start(t, { apiToken: TOKEN, clock, beforeHandle: () => clock.advance(12) });
        await fetch(url(`/?token=${TOKEN}`));
        await fetch(url("/api/visits"), { headers: { Authorization: `Bearer ${TOKEN}` } });
        await fetch(url("/api/visits"), { headers: { Authorization: `Bearer ${TOKEN}-wrong` } });
        await fetch(url("/missing"), { method: "DELETE" });

        for (const line of logs) assert.ok(!line.includes(TOKEN), line);
        const requests = logs.map((l) => JSON.parse(l)).filter((e) => e.method !== undefined);
        assert.deepEqual(
            requests.map(({ method, path, status }) => ({ method, path, status })),
            [
                { method: "GET", path: "/", status: 200 },
                { method: "GET", path: "/api/visits", status: 200 },
                { method: "GET", path: "/api/visits", status: 401 },
                { method: "DELETE", path: "/missing", status: 404 },
            ],
        );
        for (const entry of requests) {
            assert.equal(entry.ms, 12, "ms is the time the request took");
            assert.ok(!Number.isNaN(Date.parse(entry.time)));
        }
    });
});

describe("web-server: environment", () => {
    test("maps the Deployment's variables; unset or empty ones keep the defaults", () => {
        assert.deepEqual(optionsFromEnv({}), {
            host: undefined,
            port: undefined,
            dataDir: undefined,
            podName: undefined,
            version: undefined,
            apiToken: undefined,
        });
        assert.deepEqual(
            optionsFromEnv({ HOST: "127.0.0.1", PORT: "9090", DATA_DIR: "/data", POD_NAME: "p", APP_VERSION: "abc", API_TOKEN: `${TOKEN}\n` }),
            { host: "127.0.0.1", port: 9090, dataDir: "/data", podName: "p", version: "abc", apiToken: TOKEN },
        );
        assert.equal(optionsFromEnv({ API_TOKEN: "  ", APP_VERSION: "" }).apiToken, undefined);
    });

    test("rejects a bad PORT and a token that can never match, without echoing the token", () => {
        for (const port of ["http", "-1", "65536", "80.5"]) assert.throws(() => optionsFromEnv({ PORT: port }), /PORT/);
        assert.throws(
            () => optionsFromEnv({ API_TOKEN: "two words" }),
            (error: Error) => /API_TOKEN/.test(error.message) && !error.message.includes("two words"),
        );
    });
});
