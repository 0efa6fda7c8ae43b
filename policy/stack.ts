/**
 * Whether the stack under policy is prod, decided as the program decides it (infra/config/parse.ts):
 * `webstack:prod` when set, else the stack named prod. The engine starts a Node.js policy pack with the stack's
 * config in PULUMI_CONFIG (JSON, `namespace:key` → value) and the stack name in every URN, so the pack needs no
 * configuration of its own; a policy's `prod` config option still overrides both.
 */

/** The stack of a URN: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function stackOfUrn(urn: string): string | undefined {
    const match = /^urn:pulumi:([^:]+)::/.exec(urn);
    return match?.[1];
}

/** The types of a resource's ancestors, nearest parent first, from the `parent$child$type` chain of its URN. */
export function ancestorsOfUrn(urn: string): string[] {
    const qualifiedType = urn.split("::")[2] ?? "";
    return qualifiedType.split("$").slice(0, -1).reverse();
}

/** The program's config as the engine hands it to policy packs; empty when it does not (older CLIs). */
export function programConfig(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
    try {
        const parsed: unknown = JSON.parse(env.PULUMI_CONFIG ?? "{}");
        return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    } catch {
        return {};
    }
}

export interface ProdInputs {
    stack: string | undefined;
    /** Program config, `webstack:prod` (or `webstack:config:prod`) → true/false or "true"/"false". */
    config: Record<string, unknown>;
    /** A policy's `prod` config option; wins when set. */
    override?: boolean;
}

export function isProd({ stack, config, override }: ProdInputs): boolean {
    if (override !== undefined) return override;
    const configured = config["webstack:prod"] ?? config["webstack:config:prod"];
    if (configured !== undefined) return String(configured) === "true";
    return stack === "prod";
}
