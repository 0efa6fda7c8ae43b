import { ConfigError } from "../../infra/config/errors";
import { parseCommandLine } from "../cli/parseCommandLine";
import { ImageTools } from "./docker";
import { UserError } from "../cli/userError";
import { PulumiCli } from "./pulumiCli";
import type { CommandIO } from "./shell";
import { bootstrapStack } from "./bootstrap";
import { checkDrift } from "./drift";
import { ghPullRequestState, parseAge, sweepTenantStacks } from "./sweep";
import { stackCloud } from "./stackConfig";
import { Kubectl } from "./kubectl";
import { provisionTenantNamespace, removeTenantStack } from "./tenantNamespaces";
import { createTenantStack, destroyTenantStack } from "./tenantStacks";

const usage = [
    "usage: npm run stack -- create <dev-name|pr-number> [--shared <org>/<project>/<stack>] [--no-build]",
    "       npm run stack -- destroy <dev-name|pr-number>",
    "       npm run stack -- sweep [--older-than 72h] [--dry-run] [--repo <owner>/<name>]",
    "       npm run stack -- provision <pr-number> [--shared <stack>]   (trusted jobs: the namespace, its quota, its tenant role)",
    "       npm run stack -- remove <dev-name|pr-number> [--shared <stack>]   (trusted jobs: namespace or objects, then the record)",
    "       npm run --silent stack -- cloud <stack>      (prints gcp, aws or existing: the stack's webstack:cloud)",
    "       npm run stack -- bootstrap <stack>   (a new cluster stack's first up: no apps built here until their registry exists)",
    "       npm run stack -- drift <stack> [--repo <owner>/<name>]   (preview after a refresh; keeps the stack's drift issue; exit 1 on drift)",
].join("\n");

/** `npm run stack -- <args>`: returns the exit code (2 usage, 1 a failure the user can act on). */
export function stackCommand(args: string[], io: CommandIO): number {
    const parsed = parseCommandLine({
        args,
        allowPositionals: true,
        options: {
            shared: { type: "string" },
            "no-build": { type: "boolean" },
            "older-than": { type: "string", default: "72h" },
            "dry-run": { type: "boolean" },
            repo: { type: "string" },
            help: { type: "boolean", short: "h" },
        },
    }, usage, io);
    if ("exit" in parsed) return parsed.exit;
    const { positionals, values } = parsed;
    const [command, stack] = positionals;
    const arity = command === "sweep" ? 1 : 2;
    if (!command || positionals.length !== arity) {
        io.err(usage);
        return 2;
    }
    const cli = new PulumiCli(io);
    const log = io.out;
    try {
        if (command === "sweep") {
            sweepTenantStacks({
                cli,
                kubectl: new Kubectl(io),
                projectDir: io.cwd,
                maxIdleMs: parseAge(values["older-than"]!),
                dryRun: values["dry-run"] ?? false,
                now: new Date(),
                pullRequestState: ghPullRequestState(io, values.repo),
                log,
            });
            return 0;
        }
        if (command === "drift") {
            return checkDrift({ cli, shell: io, stack, repo: values.repo, log }) ? 1 : 0;
        }
        if (command === "bootstrap") {
            bootstrapStack({ cli, projectDir: io.cwd, stack, log });
            return 0;
        }
        if (command === "cloud") {
            io.out(stackCloud(io.cwd, stack));
            return 0;
        }
        if (command === "provision" || command === "remove") {
            const trusted = { stack, shared: values.shared, projectDir: io.cwd, kubectl: new Kubectl(io), log };
            if (command === "provision") provisionTenantNamespace(trusted);
            else removeTenantStack({ ...trusted, cli });
            return 0;
        }
        const options = { stack, shared: values.shared, projectDir: io.cwd, cli, log };
        if (command === "create") createTenantStack({ ...options, env: io.env, tools: new ImageTools(io), build: !values["no-build"] });
        else if (command === "destroy") destroyTenantStack(options);
        else {
            io.err(`unknown command ${JSON.stringify(command)}\n${usage}`);
            return 2;
        }
        return 0;
    } catch (err) {
        if (err instanceof UserError) {
            io.err(`stack ${command}: ${err.message}`);
            return 1;
        }
        if (err instanceof ConfigError) {
            io.err(err.message);
            return 1;
        }
        throw err;
    }
}
