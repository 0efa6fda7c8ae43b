/** The value at `path` inside resource properties, or undefined where any step is missing. */
export function field(props: unknown, ...path: string[]): unknown {
    return path.reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), props);
}
