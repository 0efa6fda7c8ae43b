import type { RootConfig } from "./shape";

/** A problem found by a rule that spans keys. */
export interface RuleIssue {
    path: (string | number)[];
    input: unknown;
    message: string;
}

/** What the rules know: the raw values, the sections that parsed (failed ones are absent), and the stack. */
export interface RuleInput {
    raw: Record<string, unknown>;
    root: Partial<RootConfig>;
    stack: string;
    prod: boolean;
    tenant: boolean;
    isSecret(key: string): boolean;
}

export const issue = (path: (string | number)[], input: unknown, message: string): RuleIssue => ({ path, input, message });
