import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { RenderedResource } from "./compare";

const run = promisify(execFile);

/**
 * Where the offline render CLI lives, relative to a project, newest layout first: a commit from before the move to
 * tools/ has it in infra/offline/. A commit with neither cannot be rendered.
 */
export const renderClis = ["tools/render/cli.ts", "infra/offline/cli.ts"] as const;

/** A render that exited non-zero; `stderr` is what it printed. */
export class RenderFailure extends Error {
    constructor(
        readonly label: string,
        readonly stderr: string,
    ) {
        super(`the offline render of ${label} failed:\n${stderr.trimEnd()}`);
        this.name = "RenderFailure";
    }
}

export interface ChildRenderOptions {
    /** The project to render: the working tree or a checkout, with its own node_modules. */
    projectDir: string;
    stack: string;
    /** The render CLI of that project (one of renderClis). */
    renderCli: string;
    /** Absolute path of a stack-format config file. */
    configFile?: string;
    imageTag?: string;
    /** Where the render writes resources.json. */
    outDir: string;
    /** What is rendered, for errors: "stack dev at the working tree". */
    label: string;
}

/**
 * Runs that project's own render CLI in a child process (`node --import tsx tools/render/cli.ts`), so each side
 * renders with its own code and dependencies, then reads its resources.json.
 */
export async function renderInChild(options: ChildRenderOptions): Promise<RenderedResource[]> {
    const args = ["--import", "tsx", options.renderCli, "--stack", options.stack, "--out", options.outDir];
    if (options.configFile) args.push("--config", options.configFile);
    if (options.imageTag) args.push("--image-tag", options.imageTag);
    try {
        await run(process.execPath, args, { cwd: options.projectDir, maxBuffer: 64 * 1024 * 1024 });
    } catch (err) {
        const { stderr, message } = err as { stderr?: string; message?: string };
        throw new RenderFailure(options.label, stderr || message || String(err));
    }
    return JSON.parse(readFileSync(join(options.outDir, "resources.json"), "utf8")) as RenderedResource[];
}
