import { createHash } from "node:crypto";
import { tenantNamespace } from "../kube/tenancy";

/** A DNS label's limit. */
const maxLabel = 63;
/** Hex digits of the app name's hash that stand in for the part of a long app name cut off. */
const hashLength = 8;

/**
 * The one DNS label a tenant stack serves an app at: `<app>-<stack>`, one label under the shared domain so that the
 * shared cluster's wildcard certificate `*.<domain>` covers it. The stack is a namespace name of at most
 * tenantStackMaxLength characters whose end no other tenant stack's name shares (newTenantStackNameProblem), so
 * `-<stack>` at the end names the stack, and apps of different stacks never collide. An app whose label would pass
 * 63 characters keeps the start of its name and gains a hash of all of it: `<app start>-<hash>-<stack>`.
 */
export function tenantHostLabel(app: string, stack: string): string {
    const suffix = `-${tenantNamespace(stack)}`;
    if (app.length + suffix.length <= maxLabel) return `${app}${suffix}`;
    const hash = createHash("sha256").update(app).digest("hex").slice(0, hashLength);
    const start = app.slice(0, maxLabel - suffix.length - hashLength - 1).replace(/-+$/, "");
    return `${start}-${hash}${suffix}`;
}

/** Where a tenant stack serves an app: `<app>-<stack>.<domain>` (tenantHostLabel). */
export function tenantHost(app: string, stack: string, domain: string): string {
    return `${tenantHostLabel(app, stack)}.${domain}`;
}
