import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether an `Authorization` header carries `Bearer <token>`.
 *
 * Both sides are hashed first, so the comparison takes the same time whatever the presented value's length
 * or content (`timingSafeEqual` alone requires equal lengths and would leak the token's length).
 */
export function hasBearerToken(header: string | undefined, token: string): boolean {
    const presented = /^Bearer +(\S+) *$/i.exec(header ?? "")?.[1];
    if (presented === undefined) return false;
    return timingSafeEqual(digest(presented), digest(token));
}

// A plain Uint8Array: @types/node 20.9's Buffer does not satisfy TypeScript 5.9's ArrayBufferView.
function digest(value: string): Uint8Array {
    return new Uint8Array(createHash("sha256").update(value, "utf8").digest());
}
