/**
 * The part of redis's protocol (RESP2) the counter speaks: commands as arrays of bulk strings, and the replies
 * they get back (simple strings, errors, integers, bulk strings).
 */

export type Reply = string | number | null;

/** An error reply (`-ERR ...`, `-WRONGPASS ...`). */
export class RedisError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "RedisError";
    }
}

export function encodeCommand(args: string[]): Buffer {
    const parts = [`*${args.length}\r\n`, ...args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`)];
    return Buffer.from(parts.join(""));
}

/** Parses replies from a byte stream; `push` returns the complete replies, keeping a partial one for later. */
export class ReplyParser {
    private buffer = Buffer.alloc(0);

    push(chunk: Buffer): (Reply | RedisError)[] {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        const replies: (Reply | RedisError)[] = [];
        for (;;) {
            const parsed = this.next();
            if (!parsed) return replies;
            replies.push(parsed.reply);
            this.buffer = this.buffer.subarray(parsed.length);
        }
    }

    private next(): { reply: Reply | RedisError; length: number } | undefined {
        const end = this.buffer.indexOf("\r\n");
        if (end < 0) return undefined;
        const line = this.buffer.subarray(1, end).toString();
        switch (String.fromCharCode(this.buffer[0])) {
            case "+":
                return { reply: line, length: end + 2 };
            case "-":
                return { reply: new RedisError(line), length: end + 2 };
            case ":":
                return { reply: Number(line), length: end + 2 };
            case "$": {
                const size = Number(line);
                if (size < 0) return { reply: null, length: end + 2 };
                if (this.buffer.length < end + 2 + size + 2) return undefined;
                return { reply: this.buffer.subarray(end + 2, end + 2 + size).toString(), length: end + 2 + size + 2 };
            }
            default:
                throw new RedisError(`unexpected reply type ${JSON.stringify(String.fromCharCode(this.buffer[0]))}`);
        }
    }
}
