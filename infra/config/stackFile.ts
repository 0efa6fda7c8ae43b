import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** Reads a Pulumi project or stack file (a YAML mapping). */
export function readYaml(file: string): Record<string, unknown> {
    const doc = parse(readFileSync(file, "utf8")) as unknown;
    if (doc === null || doc === undefined) return {};
    if (typeof doc !== "object" || Array.isArray(doc)) throw new Error(`${file}: expected a YAML mapping`);
    return doc as Record<string, unknown>;
}

/** The engine passes objects and arrays as JSON and scalars as their string form. */
export function engineString(value: unknown): string {
    return value !== null && typeof value === "object" ? JSON.stringify(value) : String(value);
}
