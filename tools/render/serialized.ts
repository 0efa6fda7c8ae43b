/**
 * Reading values as the SDK serializes them for the engine: secrets, unknowns and resource references are
 * wrapped in objects carrying a signature key. Secrets are masked leaf by leaf, so a masked Secret manifest
 * keeps its shape (keys stay, values become "[secret]").
 */

const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";
const resourceSig = "5cf8f73096256a8f31e491e813e4eb8e";
const outputSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const secretMask = "[secret]";
export const unknownMask = "[unknown]";

/** `urn:pulumi:stack::project::parent$type::name` → `type::name`. */
export function urnToRef(urn: string): string {
    const parts = urn.split("::");
    const name = parts.slice(3).join("::");
    const type = (parts[2] ?? "").split("$").pop();
    return `${type}::${name}`;
}

function mask(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(mask);
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v)]));
    }
    return value === undefined || value === null ? value : secretMask;
}

/** Plain JSON of a serialized property value, secrets masked. */
export function plain(value: unknown): unknown {
    if (value === unknownValue) return unknownMask;
    if (Array.isArray(value)) return value.map(plain);
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    switch (record[sigKey]) {
        case secretSig:
            return mask(plain(record.value));
        case resourceSig:
            return urnToRef(String(record.urn));
        case outputSig:
            if (record.secret) return mask(plain(record.value));
            return "value" in record ? plain(record.value) : unknownMask;
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plain(v)]));
}

/** Whether a serialized value contains a secret anywhere. */
export function containsSecret(value: unknown): boolean {
    if (Array.isArray(value)) return value.some(containsSecret);
    if (value === null || typeof value !== "object") return false;
    const record = value as Record<string, unknown>;
    if (record[sigKey] === secretSig || (record[sigKey] === outputSig && record.secret)) return true;
    return Object.values(record).some(containsSecret);
}
