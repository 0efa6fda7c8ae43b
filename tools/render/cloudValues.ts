import { createHash } from "node:crypto";

/**
 * Deterministic stand-ins for what clouds compute (ids, endpoints, certificates, addresses), derived from
 * the resource's name so renders are stable from run to run.
 */

export const fakeAccountId = "123456789012";
export const fakeGcpProject = "webstack-offline";

export function digest(seed: string, length = 8): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** An address in the documentation range 203.0.113.0/24. */
export function publicIp(seed: string): string {
    return `203.0.113.${(parseInt(digest(seed, 4), 16) % 250) + 2}`;
}

export function awsHostname(seed: string, region: string): string {
    return `a${digest(seed, 16)}-${digest(seed + "elb", 8)}.elb.${region}.amazonaws.com`;
}

/** A PEM certificate envelope around deterministic bytes: the shape a kubeconfig expects, no real key material. */
export function caCertificateBase64(seed: string): string {
    const body = createHash("sha512").update(seed).digest("base64");
    return Buffer.from(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`).toString("base64");
}
