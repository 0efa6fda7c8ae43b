import { resolve } from "node:path";

/** The directory holding Pulumi.yaml and the stack files. */
export const projectDir = resolve(__dirname, "..", "..");
