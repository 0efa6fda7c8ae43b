/** One problem of a stack's config: the key path under `webstack:`, the value found there, and what is wrong. */
export interface ConfigIssue {
    path: (string | number)[];
    input: unknown;
    message: string;
}

export const issue = (path: (string | number)[], input: unknown, message: string): ConfigIssue => ({ path, input, message });
