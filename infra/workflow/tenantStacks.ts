import { namespace } from "../config/errors";
import { isTenantStackName } from "../config/parse";
import { generateSecret, tenantSecretKeys } from "../tenant/template";
import { PulumiCli, WorkflowError } from "./pulumiCli";

export interface TenantCommandOptions {
    /** Tenant stack name: dev-<name> or pr-<number>. */
    stack: string;
    /** `<org>/<project>/<stack>` of the shared cluster stack. Default: the dev stack of the current org. */
    shared?: string;
    projectDir: string;
    cli: PulumiCli;
}

function checkName(stack: string): void {
    if (!isTenantStackName(stack)) {
        throw new WorkflowError(`${JSON.stringify(stack)} is not a tenant stack name: use dev-<name> or pr-<number> (this command never touches dev or prod)`);
    }
}

/** The shared stack must be up: a tenant reads its kubeconfig and ingress address. */
function checkSharedStack(cli: PulumiCli, shared: string): void {
    const raw = cli.capture(["stack", "output", "--json", "--show-secrets", "--stack", shared]);
    const outputs = JSON.parse(raw || "{}") as Record<string, unknown>;
    const missing = ["kubeconfig", "clusterName", "endpoint", "registry", "ingressAddress"].filter((k) => outputs[k] === undefined || outputs[k] === null);
    if (missing.length > 0) {
        throw new WorkflowError(`the shared stack ${shared} has no output ${missing.join(", ")}: run \`pulumi up\` on it first`);
    }
}

/** Creates (or updates) a tenant stack: stack init, its config, pulumi up. Secrets are generated once. */
export function createTenantStack(options: TenantCommandOptions): void {
    const { cli, stack } = options;
    checkName(stack);
    cli.ensureInstalled();
    const shared = options.shared ?? "dev";
    checkSharedStack(cli, shared);
    if (!cli.succeeds(["stack", "select", stack])) cli.must(["stack", "init", stack]);
    if (options.shared) cli.must(["config", "set", "--stack", stack, `${namespace}:sharedCluster`, options.shared]);
    for (const key of tenantSecretKeys(options.projectDir, shared.split("/").pop())) {
        if (!cli.succeeds(["config", "get", "--stack", stack, `${namespace}:${key}`])) {
            cli.must(["config", "set", "--secret", "--stack", stack, `${namespace}:${key}`, generateSecret()]);
        }
    }
    cli.must(["up", "--yes", "--stack", stack]);
}

/** Destroys a tenant stack's resources and removes the stack. */
export function destroyTenantStack(options: TenantCommandOptions): void {
    const { cli, stack } = options;
    checkName(stack);
    cli.ensureInstalled();
    if (!cli.succeeds(["stack", "select", stack])) {
        console.log(`stack ${stack} does not exist; nothing to destroy`);
        return;
    }
    cli.must(["destroy", "--yes", "--stack", stack]);
    cli.must(["stack", "rm", "--yes", "--stack", stack]);
}
