import type * as pulumi from "@pulumi/pulumi";
import { loadConfig } from "../infra/config/load";
import { ClusterStack } from "./clusterStack";

/**
 * The program: validate the whole config before any resource is registered, then build the stack class the
 * config asks for. Its outputs are the stack outputs.
 */
export = async (): Promise<Record<string, pulumi.Input<unknown>>> => {
    const config = loadConfig();
    const stack = await ClusterStack.create(config);
    return stack.outputs();
};
