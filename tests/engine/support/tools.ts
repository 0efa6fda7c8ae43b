import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { projectDir } from "../../../infra/config/project";

/** The real-engine tier's binaries and kwok's stage files, built by .ci/engine-tools.sh. */
export interface EngineTools {
    bin(name: string): string;
    /** The root whose bin/ holds the pulumi CLI and nothing else (PulumiCommand's `root`). */
    pulumiRoot: string;
    /** The pulumi CLI, in pulumiRoot's bin/. */
    pulumi: string;
    /** kwok's own stage files (pods, nodes, volumes). */
    stagesDir: string;
    /** The StorageClass kwok's volume stages provision for. */
    storageClassFile: string;
}

/**
 * The tools folder: $WEBSTACK_ENGINE_TOOLS (set by `npm run test:engine`), else what the tools cache already
 * holds. Never builds: a cold build takes tens of minutes, and belongs to `npm run test:engine`.
 */
export function engineTools(): EngineTools {
    const dir = process.env.WEBSTACK_ENGINE_TOOLS
        ?? execFileSync("bash", [join(projectDir, ".ci", "engine-tools.sh"), "--check"], { encoding: "utf8" }).trim().split("\n").pop()!;
    const pulumi = join(dir, "pulumi", "bin", "pulumi");
    if (!existsSync(pulumi)) throw new Error(`no engine tools in ${dir}: run npm run test:engine`);
    return {
        bin: (name) => join(dir, "bin", name),
        pulumiRoot: join(dir, "pulumi"),
        pulumi,
        stagesDir: join(dir, "stages"),
        storageClassFile: join(dir, "kwok-storage-class.yaml"),
    };
}
