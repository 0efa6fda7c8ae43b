import { consoleOutput, type CommandOutput } from "../cli/output";
import { projectDir } from "../../infra/config/project";

/** Where a command's child processes run: a directory, and the environment whose PATH finds pulumi, docker, gh. */
export interface Shell {
    readonly cwd: string;
    readonly env: NodeJS.ProcessEnv;
}

/** A command's shell plus where its own lines go. */
export interface CommandIO extends Shell, CommandOutput {}

/** The real process: the project directory, this environment, the terminal. */
export function processIO(): CommandIO {
    return { cwd: projectDir, env: process.env, ...consoleOutput };
}
