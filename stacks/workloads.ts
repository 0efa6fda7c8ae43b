import type * as pulumi from "@pulumi/pulumi";
import type { ClusterWithRegistry } from "../infra/cluster/types";
import type { WebstackConfig } from "../infra/config/load";
import type { ResolvedTag } from "../infra/image/tag";
import type { PlatformInfo } from "../infra/platform";

export interface WorkloadsArgs {
    config: WebstackConfig;
    cluster: ClusterWithRegistry;
    platform: PlatformInfo;
    /** Tag for the images built here. */
    imageTag: ResolvedTag;
    /** Tenant stacks put every app into this namespace (named after the stack). */
    namespace?: string;
}

/** Per-app stack outputs. */
export interface AppOutputs {
    url: pulumi.Output<string>;
    image: pulumi.Output<string>;
}

/** STUB: the apps' namespaces and one WebApp per configured app (being implemented). */
export function deployWorkloads(args: WorkloadsArgs): Record<string, AppOutputs> {
    void args;
    return {};
}
