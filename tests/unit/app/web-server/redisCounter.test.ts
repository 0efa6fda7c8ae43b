import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, test } from "node:test";
import { optionsFromEnv } from "../../../../app/web-server/src/env";
import { parseRedisUrl, RedisCounter } from "../../../../app/web-server/src/redisCounter";
import { encodeCommand, RedisError, ReplyParser } from "../../../../app/web-server/src/resp";
import { startServer } from "../../../../app/web-server/src/server";

/**
 * A stand-in redis speaking RESP2 for AUTH, GET and INCR, with one keyspace shared by every connection (as the
 * redis Service is shared by every replica). Requests may arrive split across packets.
 */
async function fakeRedis(password?: string, port = 0): Promise<{ url: string; store: Map<string, number>; server: Server; close(): Promise<void> }> {
    const store = new Map<string, number>();
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        let authed = password === undefined;
        let buffer = "";
        socket.on("data", (chunk) => {
            buffer += chunk.toString();
            for (;;) {
                const command = takeCommand();
                if (!command) return;
                socket.write(answer(command));
            }
        });
        function takeCommand(): string[] | undefined {
            const lines = buffer.split("\r\n");
            const count = Number(lines[0]?.slice(1));
            if (!lines[0]?.startsWith("*") || lines.length < 1 + count * 2 + 1) return undefined;
            const args = Array.from({ length: count }, (_, i) => lines[2 + i * 2]);
            buffer = lines.slice(1 + count * 2).join("\r\n");
            return args;
        }
        function answer([name, ...args]: string[]): string {
            if (name === "AUTH") {
                authed = args[0] === password;
                return authed ? "+OK\r\n" : "-WRONGPASS invalid username-password pair or user is disabled.\r\n";
            }
            if (!authed) return "-NOAUTH Authentication required.\r\n";
            if (name === "GET") {
                const value = store.get(args[0]);
                return value === undefined ? "$-1\r\n" : `$${String(value).length}\r\n${value}\r\n`;
            }
            if (name === "INCR") {
                const value = (store.get(args[0]) ?? 0) + 1;
                store.set(args[0], value);
                return `:${value}\r\n`;
            }
            return `-ERR unknown command '${name}'\r\n`;
        }
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    return {
        url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
        store,
        server,
        close: () => new Promise((resolve) => {
            for (const s of sockets) s.destroy();
            server.close(() => resolve());
        }),
    };
}

describe("web-server: visits in redis", () => {
    test("RESP: commands are arrays of bulk strings; replies parse across split packets", () => {
        assert.equal(encodeCommand(["INCR", "k"]).toString(), "*2\r\n$4\r\nINCR\r\n$1\r\nk\r\n");
        const parser = new ReplyParser();
        assert.deepEqual(parser.push(Buffer.from(":4")), []);
        assert.deepEqual(parser.push(Buffer.from("2\r\n$3\r\nab")), [42]);
        const [bulk, nil, ok, error] = parser.push(Buffer.from("c\r\n$-1\r\n+OK\r\n-ERR nope\r\n"));
        assert.deepEqual([bulk, nil, ok], ["abc", null, "OK"]);
        assert.ok(error instanceof RedisError && error.message === "ERR nope");
    });

    test("two replicas count into one key without losing a visit; the password is sent with AUTH", async (t) => {
        const redis = await fakeRedis("s3cret-pw");
        t.after(() => redis.close());
        const [a, b] = await Promise.all([RedisCounter.open({ url: redis.url, password: "s3cret-pw" }), RedisCounter.open({ url: redis.url, password: "s3cret-pw" })]);
        t.after(() => (a.close(), b.close()));
        const seen = await Promise.all([...Array.from({ length: 20 }, () => a.increment()), ...Array.from({ length: 20 }, () => b.increment())]);
        assert.deepEqual([...seen].sort((x, y) => x - y), Array.from({ length: 40 }, (_, i) => i + 1));
        assert.equal(await b.read(), 40);
        assert.equal(redis.store.get("web-server:visits"), 40);
    });

    test("a wrong password or an unreachable redis fails the start, without echoing the password", async (t) => {
        const redis = await fakeRedis("right");
        t.after(() => redis.close());
        await assert.rejects(RedisCounter.open({ url: redis.url, password: "wrong-pw-123" }), (e: Error) => /refused the password \(WRONGPASS\)/.test(e.message) && !e.message.includes("wrong-pw-123"));
        await assert.rejects(RedisCounter.open({ url: "redis://127.0.0.1:1" }), /cannot reach redis at 127\.0\.0\.1:1/);
    });

    test("the server counts visits in redis; readiness fails while redis is down and recovers when it is back", async (t) => {
        const redis = await fakeRedis();
        const server = await startServer({ host: "127.0.0.1", port: 0, podName: "pod-a", version: "v", logger: () => undefined, redis: { url: redis.url } });
        t.after(() => server.close());
        const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
        assert.match(await (await fetch(url("/"))).text(), /Visits: 1\n$/);
        assert.match(await (await fetch(url("/"))).text(), /Visits: 2\n$/);
        assert.equal((await fetch(url("/healthz"))).status, 200);
        const { port } = redis.server.address() as AddressInfo;
        await redis.close();
        assert.equal((await fetch(url("/healthz"))).status, 500, "not ready without redis");
        assert.equal((await fetch(url("/livez"))).status, 200, "but alive: a restart would not bring redis back");
        const back = await fakeRedis(undefined, port);
        t.after(() => back.close());
        assert.equal((await fetch(url("/healthz"))).status, 200, "ready again: the next command reconnects");
        assert.match(await (await fetch(url("/"))).text(), /Visits: 1\n$/, "a fresh redis without persistence starts over");
    });

    test("REDIS_URL and REDIS_PASSWORD from the environment; credentials only from the password variable", () => {
        assert.deepEqual(optionsFromEnv({ REDIS_URL: "redis://redis:6379", REDIS_PASSWORD: "pw\n" }).redis, { url: "redis://redis:6379", password: "pw" });
        assert.equal(optionsFromEnv({}).redis, undefined);
        assert.throws(() => optionsFromEnv({ REDIS_PASSWORD: "pw" }), /REDIS_PASSWORD is set but REDIS_URL is not/);
        assert.deepEqual(parseRedisUrl("redis://redis"), { host: "redis", port: 6379 });
        assert.throws(() => parseRedisUrl("redis://:pw@redis:6379"), /must not hold credentials/);
        assert.throws(() => parseRedisUrl("http://redis:6379"), /redis:\/\/host/);
    });
});
