import { ConfigError } from "../../infra/config/errors";
import { UserError } from "./userError";

/**
 * What a CLI prints for an error: the message alone for what the user can fix (invalid config, a missing file,
 * a bad name), and the stack trace, after `<command> failed:`, for a fault of ours.
 */
export function failureText(command: string, err: unknown): string {
    if (err instanceof ConfigError || err instanceof UserError) return err.message;
    return `${command} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`;
}
