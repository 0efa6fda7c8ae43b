import { namespace } from "../../infra/config/errors";
import { isTenantStackName, newTenantStackNameProblem } from "../../infra/kube/tenancy";
import { generateSecret, tenantSecretKeys } from "./tenantTemplate";
import type { ImageTools } from "./docker";
import { ensureImages, imageDigests } from "./images";
import { UserError } from "../cli/userError";
import { PulumiCli } from "./pulumiCli";
import { tenantImages } from "./tenantImages";

export interface TenantCommandOptions {
    /** Tenant stack name: dev-<name> or pr-<number>. */
    stack: string;
    /** `<org>/<project>/<stack>` of the shared cluster stack. Default: the dev stack of the current org. */
    shared?: string;
    projectDir: string;
    cli: PulumiCli;
    /** Docker and the registries' CLIs, to find or build the images (create only). */
    tools?: ImageTools;
    /** create: build and push missing images when Docker is available. Default true; CI passes false (--no-build). */
    build?: boolean;
    /** destroy: the stack's name as `pulumi stack ls` gives it (may carry `<org>/`). Default `stack`. */
    fullName?: string;
    /** Progress lines for the user. */
    log(line: string): void;
}

export interface CreateTenantOptions extends TenantCommandOptions {
    /** The command's environment: IMAGE_TAG and GITHUB_SHA pick the image tag. */
    env: NodeJS.ProcessEnv;
}

/**
 * A tenant stack name this command may act on. A new stack's name must also be able to name its namespace; an
 * existing stack from before that rule (dev-Bob, whose namespace was derived from it) can still be destroyed.
 */
function checkName(stack: string, options: { creating: boolean }): void {
    if (!isTenantStackName(stack)) {
        throw new UserError(`${JSON.stringify(stack)} is not a tenant stack name: use dev-<name> or pr-<number> (this command never touches dev or prod)`);
    }
    const problem = options.creating ? newTenantStackNameProblem(stack) : undefined;
    if (problem) throw new UserError(`${stack} ${problem}`);
}

/** The shared stack must be up: a tenant reads its kubeconfig, review registry and ingress address. */
function sharedStackOutputs(cli: PulumiCli, shared: string): Record<string, unknown> {
    const raw = cli.capture(["stack", "output", "--json", "--show-secrets", "--stack", shared]);
    const outputs = JSON.parse(raw || "{}") as Record<string, unknown>;
    const missing = ["kubeconfig", "clusterName", "endpoint", "reviewRegistry", "ingressAddress"].filter((k) => outputs[k] === undefined || outputs[k] === null);
    if (missing.length > 0) {
        throw new UserError(`the shared stack ${shared} has no output ${missing.join(", ")}: run \`pulumi up\` on it first`);
    }
    return outputs;
}

/**
 * Creates (or updates) a tenant stack: checks the shared stack, makes sure every image it will run is in the
 * registry (building and pushing it from this checkout when Docker is available, else refusing), then stack
 * init, its config and pulumi up with that image tag. Secrets are generated once.
 */
export function createTenantStack(options: CreateTenantOptions): void {
    const { cli, stack } = options;
    checkName(stack, { creating: true });
    cli.ensureInstalled();
    const shared = options.shared ?? "dev";
    const outputs = sharedStackOutputs(cli, shared);
    const { images, imageTag } = tenantImages({ cli, stack, projectDir: options.projectDir, shared: options.shared, registry: String(outputs.reviewRegistry), env: options.env });
    if (images.length > 0) {
        if (!options.tools) throw new Error("createTenantStack: images to check but no ImageTools");
        ensureImages(images, { tools: options.tools, build: options.build ?? true, log: options.log });
    }
    if (!cli.succeeds(["stack", "select", stack])) cli.must(["stack", "init", stack]);
    if (options.shared) cli.must(["config", "set", "--stack", stack, `${namespace}:sharedCluster`, options.shared]);
    for (const key of tenantSecretKeys(options.projectDir, shared.split("/").pop())) {
        if (!cli.succeeds(["config", "get", "--stack", stack, `${namespace}:${key}`])) {
            cli.must(["config", "set", "--secret", "--stack", stack, `${namespace}:${key}`, generateSecret()]);
        }
    }
    // CI passes the digests its builds pushed; on a developer's machine they are read from the registry.
    const digests = options.env.IMAGE_DIGESTS ?? (options.tools ? imageDigests(images, { tools: options.tools, log: options.log }) : undefined);
    cli.must(["up", "--yes", "--stack", stack], { IMAGE_TAG: imageTag, ...(digests ? { IMAGE_DIGESTS: digests } : {}) });
}

/** Destroys a tenant stack's resources and removes the stack. */
export function destroyTenantStack(options: TenantCommandOptions): void {
    const { cli, stack } = options;
    checkName(stack, { creating: false });
    cli.ensureInstalled();
    const target = options.fullName ?? stack;
    if (!cli.succeeds(["stack", "select", target])) {
        options.log(`stack ${target} does not exist; nothing to destroy`);
        return;
    }
    cli.must(["destroy", "--yes", "--stack", target]);
    cli.must(["stack", "rm", "--yes", "--stack", target]);
}
