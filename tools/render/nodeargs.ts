import { join } from "node:path";
import { readYaml } from "../../infra/config/stackFile";
import { projectDir } from "../../infra/config/project";

/** Pulumi.yaml's `runtime.options.nodeargs`, split as Pulumi's Node.js language host splits them. */
export function projectNodeargs(): string[] {
    const project = readYaml(join(projectDir, "Pulumi.yaml")) as { runtime: { options?: { nodeargs?: string } } };
    return (project.runtime.options?.nodeargs ?? "").split(/\s+/).filter(Boolean);
}
