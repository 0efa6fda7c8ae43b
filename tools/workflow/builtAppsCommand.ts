import { failureText } from "../cli/failure";
import { parseCommandLine } from "../cli/parseCommandLine";
import { readYaml } from "../../infra/config/stackFile";
import { reviewPushers } from "../../infra/config/reviewPushers";
import { builtApps, ecrRepositoryUrns } from "./builtApps";
import type { CommandIO } from "./shell";
import { stackConfig } from "./stackConfig";

const usage = "usage: npm run --silent built-apps -- --stack <name> [--config <file>] [--registry <host/path>] [--format json|targets]";

/**
 * Prints the apps of a stack that CI builds (those with `build`): `json` (default) an array of
 * { name, context, repository, stackRegistry } on one line, for a workflow matrix; `targets` the URNs of their
 * ECR repositories on an EKS stack, one per line, for `pulumi up --target` (nothing on other clouds).
 */
export function builtAppsCommand(args: string[], io: CommandIO): number {
    const projectDir = io.cwd;
    const parsed = parseCommandLine({
        args,
        options: {
            stack: { type: "string" },
            config: { type: "string" },
            registry: { type: "string" },
            format: { type: "string", default: "json" },
            help: { type: "boolean", short: "h" },
        },
        strict: true,
    }, usage, io);
    if ("exit" in parsed) return parsed.exit;
    const { values } = parsed;
    if (!values.stack || !["json", "targets"].includes(values.format!)) {
        io.err(usage);
        return 2;
    }
    try {
        const config = stackConfig(projectDir, values.stack, { configFile: values.config });
        if (values.format === "targets") {
            if (config.cloud !== "aws") return 0;
            const project = String(readYaml(`${projectDir}/Pulumi.yaml`).name);
            const apps = builtApps(config, values.registry ?? "registry-not-needed-for-urns");
            io.out(ecrRepositoryUrns(values.stack, project, apps, { reviewPushers: reviewPushers(config).length > 0 }).join("\n"));
            return 0;
        }
        io.out(JSON.stringify(builtApps(config, values.registry)));
        return 0;
    } catch (err) {
        io.err(failureText("built-apps", err));
        return 1;
    }
}
