import type * as pulumi from "@pulumi/pulumi";
import { loadConfig } from "../infra/config/load";
import { resolveImageTag } from "../infra/image/tag";
import { ClusterStack } from "./clusterStack";
import { TenantStack } from "./tenantStack";

/**
 * The program: validate the whole config (and the image tag) before any resource is registered, then build
 * the stack class the config asks for. Its outputs are the stack outputs.
 */
export = async (): Promise<Record<string, pulumi.Input<unknown>>> => {
    const config = loadConfig();
    const imageTag = resolveImageTag({
        configured: config.imageTag,
        env: process.env,
        repoDir: process.cwd(),
        prod: config.prod,
        allowDirty: config.allowDirty,
    });
    const stack = config.tenantStack ? TenantStack.create(config, imageTag) : await ClusterStack.create(config, imageTag);
    return stack.outputs();
};
