import { parseArgs } from "node:util";
import { projectDir } from "../config/load";
import { ImageTools } from "./docker";
import { PulumiCli, WorkflowError } from "./pulumiCli";
import { ghPullRequestState, parseAge, sweepTenantStacks } from "./sweep";
import { createTenantStack, destroyTenantStack } from "./tenantStacks";

const usage = [
    "usage: npm run stack -- create <dev-name|pr-number> [--shared <org>/<project>/<stack>] [--no-build]",
    "       npm run stack -- destroy <dev-name|pr-number>",
    "       npm run stack -- sweep [--older-than 72h] [--dry-run] [--repo <owner>/<name>]",
].join("\n");

function main(): number {
    const { positionals, values } = parseArgs({
        allowPositionals: true,
        options: {
            shared: { type: "string" },
            "no-build": { type: "boolean" },
            "older-than": { type: "string", default: "72h" },
            "dry-run": { type: "boolean" },
            repo: { type: "string" },
            help: { type: "boolean", short: "h" },
        },
    });
    const [command, stack] = positionals;
    const arity = command === "sweep" ? 1 : 2;
    if (values.help || !command || positionals.length !== arity) {
        console.error(usage);
        return values.help ? 0 : 2;
    }
    const cli = new PulumiCli(projectDir);
    try {
        if (command === "sweep") {
            sweepTenantStacks({
                cli,
                projectDir,
                maxIdleMs: parseAge(values["older-than"]!),
                dryRun: values["dry-run"] ?? false,
                now: new Date(),
                pullRequestState: ghPullRequestState(projectDir, values.repo),
                log: (line) => console.log(line),
            });
            return 0;
        }
        const options = { stack, shared: values.shared, projectDir, cli, tools: new ImageTools(projectDir), build: !values["no-build"] };
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
