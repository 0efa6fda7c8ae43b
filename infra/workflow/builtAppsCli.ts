import { parseArgs } from "node:util";
import { ConfigError } from "../config/errors";
import { projectDir } from "../config/load";
import { readYaml } from "../config/stackFile";
import { builtApps, ecrRepositoryUrns } from "./builtApps";
import { stackConfig } from "./stackConfig";

const usage = "usage: npm run --silent built-apps -- --stack <name> [--config <file>] [--registry <host/path>] [--format json|targets]";

/**
 * Prints the apps of a stack that CI builds (those with `build`): `json` (default) an array of
 * { name, context, repository, stackRegistry } on one line, for a workflow matrix; `targets` the URNs of their
 * ECR repositories on an EKS stack, one per line, for `pulumi up --target` (nothing on other clouds).
 */
function main(): number {
    const { values } = parseArgs({
        options: {
            stack: { type: "string" },
            config: { type: "string" },
            registry: { type: "string" },
            format: { type: "string", default: "json" },
            help: { type: "boolean", short: "h" },
        },
        strict: true,
    });
    if (values.help || !values.stack || !["json", "targets"].includes(values.format!)) {
        console.error(usage);
        return values.help ? 0 : 2;
    }
    try {
        const config = stackConfig(projectDir, values.stack, { configFile: values.config });
        if (values.format === "targets") {
            if (config.cloud !== "aws") return 0;
            const project = String(readYaml(`${projectDir}/Pulumi.yaml`).name);
            const apps = builtApps(config, values.registry ?? "registry-not-needed-for-urns");
            console.log(ecrRepositoryUrns(values.stack, project, apps).join("\n"));
            return 0;
        }
        console.log(JSON.stringify(builtApps(config, values.registry)));
        return 0;
    } catch (err) {
        console.error(err instanceof ConfigError ? err.message : `built-apps: ${err instanceof Error ? err.message : String(err)}`);
        return 1;
    }
}

process.exitCode = main();
