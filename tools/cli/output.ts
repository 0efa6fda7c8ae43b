/** Where a command's own lines go: stdout and stderr of a CLI, or a test's buffers. */
export interface CommandOutput {
    out(line: string): void;
    err(line: string): void;
}

/** A CLI's own terminal. */
export const consoleOutput: CommandOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };
