import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ConfigError } from "./errors";

/** Reads a Pulumi project or stack file (a YAML mapping); one that is not is a ConfigError naming the file. */
export function readYaml(file: string): Record<string, unknown> {
    let doc: unknown;
    try {
        doc = parse(readFileSync(file, "utf8")) as unknown;
    } catch (err) {
        if (!(err instanceof Error) || err.name !== "YAMLParseError") throw err;
        throw new ConfigError([`${file}: is not valid YAML: ${err.message.split("\n")[0].replace(/:$/, "")}`]);
    }
    if (doc === null || doc === undefined) return {};
    if (typeof doc !== "object" || Array.isArray(doc)) throw new ConfigError([`${file}: must be a YAML mapping (got ${Array.isArray(doc) ? "a list" : typeof doc})`]);
    return doc as Record<string, unknown>;
}

/** The engine passes objects and arrays as JSON and scalars as their string form. */
export function engineString(value: unknown): string {
    return value !== null && typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The `config:` of the stack file Pulumi.<stack>.yaml in `projectDir`, or undefined when there is no such file. */
export function stackFileConfig(projectDir: string, stack: string): Record<string, unknown> | undefined {
    const file = join(projectDir, `Pulumi.${stack}.yaml`);
    return existsSync(file) ? ((readYaml(file).config ?? {}) as Record<string, unknown>) : undefined;
}
