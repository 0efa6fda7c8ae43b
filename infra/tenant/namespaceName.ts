import { createHash } from "node:crypto";

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The namespace of a tenant stack: the stack name when it is a valid DNS-1123 label, otherwise a
 * deterministic label derived from it (lower-cased, invalid characters replaced, shortened) with a short hash
 * of the original name, so two different stack names never share a namespace.
 */
export function tenantNamespace(stack: string): string {
    if (dnsLabel.test(stack)) return stack;
    const base = stack.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
    const suffix = createHash("sha256").update(stack).digest("hex").slice(0, 6);
    const name = `${base.slice(0, 63 - suffix.length - 1).replace(/-$/, "")}-${suffix}`.replace(/^-/, "");
    if (!dnsLabel.test(name)) {
        throw new Error(`stack name ${JSON.stringify(stack)} cannot be turned into a Kubernetes namespace name; use lower-case letters, digits and '-'`);
    }
    return name;
}
