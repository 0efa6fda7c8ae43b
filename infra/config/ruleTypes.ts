import type { ConfigIssue } from "./issue";
import type { RootConfig } from "./shape";

/** What the rules know: the raw values, the sections that parsed (failed ones are absent), and the stack. */
export interface RuleInput {
    raw: Record<string, unknown>;
    root: Partial<RootConfig>;
    stack: string;
    prod: boolean;
    tenant: boolean;
    isSecret(key: string): boolean;
}

/** A rule that spans keys: every problem it finds. */
export type Rule = (input: RuleInput) => ConfigIssue[];
