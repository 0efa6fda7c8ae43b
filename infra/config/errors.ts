import type { z } from "zod";

export const namespace = "webstack";

/**
 * Invalid stack configuration: every problem at once, each naming its full key and the offending value.
 *
 * The engine reports it as a Pulumi RunError, the message alone: the user's config is at fault, not a line of
 * ours. The SDK recognises a RunError by this marker (`RunError.isInstance`, which works across SDK copies), so
 * the config loader and the CLIs built on it need not load @pulumi/pulumi (a second of every CLI start).
 */
export class ConfigError extends Error {
    readonly __pulumiRunError = true;

    constructor(readonly problems: string[]) {
        super(`Invalid stack configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "ConfigError";
    }
}

/** `webstack:cluster.nodeGroups[1].minNodes` */
export function keyPath(path: readonly PropertyKey[]): string {
    let out = namespace;
    path.forEach((segment, i) => {
        if (typeof segment === "number") out += `[${segment}]`;
        else out += `${i === 0 ? ":" : "."}${String(segment)}`;
    });
    return out;
}

export function showValue(value: unknown): string {
    if (value === undefined) return "nothing";
    const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let node = root;
    for (const segment of path) {
        if (node === null || typeof node !== "object") return undefined;
        node = (node as Record<PropertyKey, unknown>)[segment];
    }
    return node;
}

/** Turns zod issues into one line each; values under secret keys are never shown. */
export function describeIssues(issues: z.core.$ZodIssue[], raw: unknown, isSecret: (key: string) => boolean): string[] {
    const lines: string[] = [];
    for (const issue of issues) {
        if (issue.code === "unrecognized_keys") {
            for (const key of issue.keys) {
                const path = [...issue.path, key];
                lines.push(`${keyPath(path)}: is not a known setting (got ${shown(path, raw, isSecret)})`);
            }
            continue;
        }
        const input = "input" in issue && issue.input !== undefined ? issue.input : valueAt(raw, issue.path);
        const message = messageOf(issue, input);
        const value = typeof issue.path[0] === "string" && isSecret(issue.path[0]) ? "[secret]" : showValue(input);
        lines.push(`${keyPath(issue.path)}: ${message} (got ${value})`);
    }
    return lines;
}

function shown(path: PropertyKey[], raw: unknown, isSecret: (key: string) => boolean): string {
    return typeof path[0] === "string" && isSecret(path[0]) ? "[secret]" : showValue(valueAt(raw, path));
}

function messageOf(issue: z.core.$ZodIssue, input: unknown): string {
    if (issue.code === "invalid_type" && input === undefined) return `is required (${issue.message.replace(/^Invalid input: /, "")})`;
    if (issue.code === "invalid_key") return `is not a valid name: ${issue.issues.map((i) => i.message).join("; ")}`;
    return issue.message;
}
