import { appsBuiltHere } from "../../infra/config/apps";
import { bootstrapEnv } from "../../infra/config/bootstrap";
import { UserError } from "../cli/userError";
import type { PulumiCli } from "./pulumiCli";
import { stackConfig } from "./stackConfig";

export interface BootstrapArgs {
    cli: PulumiCli;
    projectDir: string;
    stack: string;
    log: (line: string) => void;
}

/**
 * The first `pulumi up` of a new cluster stack: the cluster, the platform and the registry, without the apps built
 * here (WEBSTACK_BOOTSTRAP), whose images can be pushed only once that registry exists. A stack that already has
 * its registry output is left alone: a bootstrap up there would remove those apps. Returns whether it ran the up.
 */
export function bootstrapStack({ cli, projectDir, stack, log }: BootstrapArgs): boolean {
    const config = stackConfig(projectDir, stack);
    if (config.tenantStack) throw new UserError(`${stack} is a tenant stack: npm run stack -- create builds its images before its first up`);
    cli.ensureInstalled();
    const registry = cli.tryCapture(["stack", "output", "registry", "--stack", stack]);
    if (registry) {
        log(`${stack} has its registry (${registry}): nothing to bootstrap`);
        return false;
    }
    if (!cli.succeeds(["stack", "select", stack])) cli.must(["stack", "init", stack]);
    const deferred = appsBuiltHere(config.apps);
    log(`${stack} is new: its first up creates the cluster, the platform and the registry${deferred.length > 0 ? `, and leaves out ${deferred.join(", ")} until their images are pushed` : ""}`);
    cli.must(["up", "--yes", "--skip-preview", "--stack", stack], { [bootstrapEnv]: "true" });
    return true;
}
