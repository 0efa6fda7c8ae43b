import * as pulumi from "@pulumi/pulumi";
import { join } from "node:path";
import { cloudMocks } from "../mocks";
import { kubernetesManifests } from "./manifests";
import { recordRegistrations, type RecordedResource } from "./recorder";
import { plain } from "./serialized";
import { readStackConfig } from "./stackConfig";
import { stackSettings } from "../../stacks/settings";
import { projectDir } from "../../infra/config/project";

const programEntry = join(projectDir, "stacks", "index");

export interface RenderOptions {
    stack: string;
    /** A stack-format config file used instead of Pulumi.<stack>.yaml. */
    configFile?: string;
    /** Sets webstack:imageTag, as `pulumi config set` would. */
    imageTag?: string;
    /** Pulumi organization the stack belongs to. Default "organization". */
    organization?: string;
    /** Directory holding Pulumi.yaml. Default: this repository. */
    projectDir?: string;
    /** Environment variables the program sees while it runs, as CI sets them (IMAGE_DIGESTS). Default: this process's. */
    env?: Record<string, string>;
}

export interface RenderResult {
    stack: string;
    /** Where the stack's config came from. */
    configSource: string;
    resources: RecordedResource[];
    /** Kubernetes objects declared through typed resources, secrets masked. */
    manifests: Record<string, unknown>[];
    /** Stack outputs, secrets masked. */
    outputs: Record<string, unknown>;
}

type Program = () => Promise<Record<string, unknown>>;

function loadProgram(): Program {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(programEntry) as Program | { default: Program };
    return typeof loaded === "function" ? loaded : loaded.default;
}

/**
 * Runs the program inside the root Stack resource, as the engine's Node.js host does. A failing program
 * rejects several of the runtime's internal promises with the same error; like the host, report it once.
 */
async function runProgram(program: Program): Promise<void> {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
        await pulumi.runtime.runInPulumiStack(program);
        await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
        if (rejections.length > 0) throw rejections[0];
    } finally {
        await new Promise((done) => setImmediate(done));
        process.off("unhandledRejection", onRejection);
    }
}

/** The render under way in this process, if any: the Pulumi runtime is global, so renders take turns. */
let turn: Promise<unknown> = Promise.resolve();

function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = turn.catch(() => undefined).then(work);
    turn = result;
    return result;
}

/**
 * Runs the program `pulumi up` runs, under Pulumi's mock runtime: config from Pulumi.yaml and the stack file,
 * no network, no credentials. Concurrent calls in one process run one after another (the runtime is global).
 */
export function render(options: RenderOptions): Promise<RenderResult> {
    return inTurn(() => renderNow(options));
}

/** What running a program under the mocks gave: every registration, the Kubernetes objects, the stack outputs. */
export type ProgramRender = Omit<RenderResult, "stack" | "configSource">;

/**
 * Runs any program (a function that registers resources, such as one component) under the same mocks and
 * recorder as `render`, with the given flat config. For tests of a component on its own.
 */
export function renderProgram(program: Program, options: { stack?: string; config?: Record<string, string> } = {}): Promise<ProgramRender> {
    return inTurn(() => runUnderMocks(program, { stack: options.stack ?? "test", config: options.config ?? {}, secretKeys: [], organization: "organization" }));
}

const project = "webstack";

async function runUnderMocks(
    program: Program,
    options: { stack: string; config: Record<string, string>; secretKeys: string[]; organization: string; projectDir?: string; beforeRun?: () => void },
): Promise<ProgramRender> {
    const mocks = cloudMocks({ stack: options.stack, project, config: options.config, projectDir: options.projectDir ?? projectDir });
    await pulumi.runtime.setMocks(mocks, project, options.stack, false, options.organization);
    pulumi.runtime.setAllConfig(options.config, options.secretKeys);
    options.beforeRun?.();
    const recording = recordRegistrations();
    await runProgram(program);
    const stackOutputs = recording.outputs.get(`pulumi:pulumi:Stack::${project}-${options.stack}`) ?? {};
    return {
        resources: recording.resources,
        manifests: kubernetesManifests(recording.resources),
        outputs: plain(stackOutputs) as Record<string, unknown>,
    };
}

/** Runs `work` with `env` set in this process's environment, restored after (renders take turns, so none overlap). */
async function withEnv<T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> {
    const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
    Object.assign(process.env, env);
    try {
        return await work();
    } finally {
        for (const [key, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
    }
}

async function renderNow(options: RenderOptions): Promise<RenderResult> {
    const dir = options.projectDir ?? projectDir;
    const { config, secretKeys, source } = readStackConfig({
        projectDir: dir,
        stack: options.stack,
        configFile: options.configFile,
        overrides: options.imageTag === undefined ? {} : { [`${project}:imageTag`]: options.imageTag },
    });
    const rendered = await withEnv(options.env ?? {}, () => runUnderMocks(() => loadProgram()(), {
        stack: options.stack,
        config,
        secretKeys,
        organization: options.organization ?? "organization",
        projectDir: dir,
        // The program validates first thing; doing it here too reports bad config as one error, before the runtime
        // has promises of its own to reject with it.
        beforeRun: stackSettings,
    }));
    return { stack: options.stack, configSource: source, ...rendered };
}
