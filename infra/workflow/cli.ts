import { parseArgs } from "node:util";
import { projectDir } from "../config/load";
import { PulumiCli, WorkflowError } from "./pulumiCli";
import { createTenantStack, destroyTenantStack } from "./tenantStacks";

const usage = "usage: npm run stack -- create|destroy <dev-name|pr-number> [--shared <org>/<project>/<stack>]";

function main(): number {
    const { positionals, values } = parseArgs({
        allowPositionals: true,
        options: { shared: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    const [command, stack] = positionals;
    if (values.help || !command || !stack || positionals.length > 2) {
        console.error(usage);
        return values.help ? 0 : 2;
    }
    const options = { stack, shared: values.shared, projectDir, cli: new PulumiCli(projectDir) };
    try {
        if (command === "create") createTenantStack(options);
        else if (command === "destroy") destroyTenantStack(options);
        else {
            console.error(`unknown command ${JSON.stringify(command)}\n${usage}`);
            return 2;
        }
        return 0;
    } catch (err) {
        if (err instanceof WorkflowError) {
            console.error(`stack ${command}: ${err.message}`);
            return 1;
        }
        throw err;
    }
}

process.exitCode = main();
