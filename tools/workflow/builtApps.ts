import type { ParsedConfig } from "../../infra/config/parse";
import { appRepository, appsBuiltHere, pushedToStackRegistry } from "../../infra/config/apps";
import { ecrRepositoryChildTypes, ecrRepositoryNames, ecrRepositoryPolicyType, ecrRepositoryType, eksClusterType, reviewRegistryName } from "../../infra/cluster/eks/registryNames";
import { UserError } from "../cli/userError";

/** An app whose image is built from this repository and pushed, tagged with the commit SHA. */
export interface BuiltApp {
    /** The app's name (webstack:apps.<name>). */
    name: string;
    /** Build context, the app's `build` directory; the Dockerfile is `<context>/Dockerfile`. */
    context: string;
    /** Repository pushed to, without tag: the app's `image`, else `<registry>/<name>`. */
    repository: string;
    /** Pushed to the stack's own registry (on EKS: one ECR repository per such app, which the stack creates). */
    stackRegistry: boolean;
}

/**
 * Every app of a stack that has `build`, in config order: the one list CI builds, pushes and (on EKS) creates
 * repositories for. `registry` is the stack's registry output (`host/path`); it is needed as soon as one such app
 * has no `image` of its own.
 */
export function builtApps(config: Pick<ParsedConfig, "apps">, registry?: string): BuiltApp[] {
    return appsBuiltHere(config.apps)
        .map((name) => {
            const app = config.apps[name];
            const stackRegistry = pushedToStackRegistry(app);
            if (stackRegistry && !registry) throw new UserError(`apps.${name} is pushed to the stack's registry: pass the registry (--registry)`);
            return { name, context: app.build!, repository: appRepository(name, app, registry!), stackRegistry };
        });
}

/** What the Pulumi engine calls a resource: its stack, project, the types of its ancestors (below the stack), its name. */
export function urn(stack: string, project: string, types: string[], name: string): string {
    return `urn:pulumi:${stack}::${project}::${types.join("$")}::${name}`;
}

/**
 * URNs of the ECR repositories (EcrRepository, created by EksCluster) of the apps pushed to an EKS stack's
 * registry, and with review pushers their review repositories and the policies of both: `pulumi up --target` on
 * them creates each repository before its first push, and nothing else.
 */
export function ecrRepositoryUrns(stack: string, project: string, apps: BuiltApp[], options: { reviewPushers: boolean }): string[] {
    const component = [eksClusterType, ecrRepositoryType];
    const cluster = `${project}-${stack}`;
    const children = [...ecrRepositoryChildTypes, ...(options.reviewPushers ? [ecrRepositoryPolicyType] : [])];
    const registries = options.reviewPushers ? [cluster, reviewRegistryName(cluster)] : [cluster];
    return apps.filter((a) => a.stackRegistry).flatMap((a) => registries.flatMap((registry) => {
        const { resource } = ecrRepositoryNames(registry, a.name);
        return [urn(stack, project, component, resource), ...children.map((child) => urn(stack, project, [...component, child], resource))];
    }));
}
