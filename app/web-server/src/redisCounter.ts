import { connect, type Socket } from "node:net";
import type { Counter } from "./counter";
import { encodeCommand, RedisError, ReplyParser, type Reply } from "./resp";

export interface RedisOptions {
    /** redis://host[:port] (port 6379 by default). */
    url: string;
    /** Password for AUTH; default none. */
    password?: string;
    /** Key holding the count. Default "web-server:visits". */
    key?: string;
}

interface Pending {
    resolve(reply: Reply): void;
    reject(error: Error): void;
}

/** Where a redis:// URL points. Throws on anything else, naming the variable but never a password. */
export function parseRedisUrl(url: string): { host: string; port: number } {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        throw new Error("REDIS_URL must be a URL such as redis://redis:6379");
    }
    if (parsed.protocol !== "redis:" || !parsed.hostname) throw new Error("REDIS_URL must be a redis://host[:port] URL");
    if (parsed.username || parsed.password) throw new Error("REDIS_URL must not hold credentials; set REDIS_PASSWORD from a Secret");
    return { host: parsed.hostname, port: parsed.port ? Number(parsed.port) : 6379 };
}

/**
 * The visit count in redis: INCR is atomic on the server, so replicas never lose a visit and need no lock. One
 * connection, reopened on the next command after it drops; replies arrive in command order.
 */
export class RedisCounter implements Counter {
    private socket?: Socket;
    private pending: Pending[] = [];
    private known = 0;
    private readonly key: string;
    private readonly address: { host: string; port: number };

    private constructor(private readonly options: RedisOptions) {
        this.key = options.key ?? "web-server:visits";
        this.address = parseRedisUrl(options.url);
    }

    /** Connects and reads the current count; fails when redis cannot be reached or refuses the password. */
    static async open(options: RedisOptions): Promise<RedisCounter> {
        const counter = new RedisCounter(options);
        await counter.read();
        return counter;
    }

    get current(): number {
        return this.known;
    }

    async read(): Promise<number> {
        const value = await this.command(["GET", this.key]);
        this.known = value === null ? 0 : Number(value);
        return this.known;
    }

    async increment(): Promise<number> {
        const value = Number(await this.command(["INCR", this.key]));
        this.known = Math.max(this.known, value);
        return value;
    }

    /** Closes the connection (a later command opens a new one). Every increment is stored once its reply arrives. */
    async close(): Promise<void> {
        this.socket?.end();
    }

    private async command(args: string[]): Promise<Reply> {
        const socket = await this.connection();
        return this.send(socket, args);
    }

    private send(socket: Socket, args: string[]): Promise<Reply> {
        return new Promise((resolve, reject) => {
            this.pending.push({ resolve, reject });
            socket.write(encodeCommand(args));
        });
    }

    private connection(): Promise<Socket> {
        if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
        const socket = connect(this.address);
        socket.setNoDelay(true);
        this.socket = socket;
        const parser = new ReplyParser();
        socket.on("data", (chunk) => {
            let replies: ReturnType<ReplyParser["push"]>;
            try {
                replies = parser.push(chunk);
            } catch (error) {
                socket.destroy(error as Error);
                return;
            }
            for (const reply of replies) {
                const waiter = this.pending.shift();
                if (reply instanceof RedisError) waiter?.reject(reply);
                else waiter?.resolve(reply);
            }
        });
        socket.on("close", () => {
            const failed = this.pending.splice(0);
            for (const waiter of failed) waiter.reject(new Error(`redis connection to ${this.address.host}:${this.address.port} closed`));
        });
        return new Promise((resolve, reject) => {
            socket.once("error", (error) => reject(new Error(`cannot reach redis at ${this.address.host}:${this.address.port}: ${error.message}`)));
            socket.once("connect", () => {
                socket.removeAllListeners("error");
                socket.on("error", () => undefined); // "close" rejects what is pending
                if (this.options.password === undefined) return resolve(socket);
                this.send(socket, ["AUTH", this.options.password]).then(() => resolve(socket), (error: Error) => {
                    socket.destroy();
                    reject(new Error(`redis refused the password (${error.message.split(" ")[0]})`));
                });
            });
        });
    }
}
