import { stackFileSchema } from "./configSchema";
import { configurationReference } from "./configurationReference";

/** The files `npm run docs` writes, by path from the project root, with their content. */
export function generatedDocs(): Record<string, string> {
    return {
        "docs/configuration.md": configurationReference(),
        "docs/stack.schema.json": `${JSON.stringify(stackFileSchema(), null, 2)}\n`,
    };
}
