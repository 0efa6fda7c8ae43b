import type * as pulumi from "@pulumi/pulumi";
import { ClusterStack } from "./clusterStack";
import { stackSettings } from "./settings";
import { TenantStack } from "./tenantStack";

/**
 * The program: validate the whole config (and the image tag) before any resource is registered, then build
 * the stack class the config asks for. Its outputs are the stack outputs.
 */
export = async (): Promise<Record<string, pulumi.Input<unknown>>> => {
    const settings = stackSettings();
    const stack = settings.config.tenantStack ? await TenantStack.create(settings) : await ClusterStack.create(settings);
    return stack.outputs();
};
