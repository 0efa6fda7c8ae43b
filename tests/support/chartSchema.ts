import Ajv2020 from "ajv/dist/2020";

/** A node of a chart's values.schema.json, as far as the checks here read it. */
export interface SchemaNode {
    type?: string | string[];
    properties?: Record<string, SchemaNode>;
    items?: SchemaNode;
    additionalProperties?: boolean | SchemaNode;
    $comment?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Paths (`a.b.c`) of the keys in `values` that the schema does not declare. Stricter than JSON Schema, which lets
 * an object without `additionalProperties: false` take any key: wherever the schema lists an object's properties,
 * a key we set must be one of them, since the chart's templates read only the keys its values.yaml has. Objects the
 * schema leaves open (no properties at all: `resources`, a redirect's `entryPoint`) are not looked into, nor are
 * the paths in `passThrough`: Kubernetes objects the chart renders verbatim, whose schema lists only the keys of
 * the chart's own default.
 */
export function undeclaredKeys(values: unknown, schema: SchemaNode, passThrough: readonly string[] = [], path = ""): string[] {
    if (passThrough.includes(path)) return [];
    if (Array.isArray(values)) {
        return schema.items ? values.flatMap((item, i) => undeclaredKeys(item, schema.items!, passThrough, `${path}[${i}]`)) : [];
    }
    if (!isObject(values) || !schema.properties || Object.keys(schema.properties).length === 0) return [];
    return Object.entries(values).flatMap(([key, value]) => {
        const where = path ? `${path}.${key}` : key;
        const child = schema.properties![key];
        return child ? undeclaredKeys(value, child, passThrough, where) : [where];
    });
}

/** The JSON Schema (2020-12) validation errors of `values`: types, enums, minimums, closed objects. */
export function schemaErrors(values: unknown, schema: SchemaNode): string[] {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    return validate(values) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}
