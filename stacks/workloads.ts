import type * as pulumi from "@pulumi/pulumi";
import type { ClusterWithRegistry } from "../infra/cluster/types";
import type { AppConfig } from "../infra/config/apps";
import type { ResolvedTag } from "../infra/config/imageTag";
import type { WebstackConfig } from "../infra/config/load";
import type { PlatformInfo } from "../infra/platform";
import { AppNamespace, trafficPlan, WebApp, type AppTraffic, type WebAppProps } from "../infra/webapp";
import { exposure, type Exposure } from "./exposure";
import { imageRef } from "./imageRef";

export interface WorkloadsArgs {
    config: WebstackConfig;
    cluster: ClusterWithRegistry;
    platform: PlatformInfo;
    /** Tag for the images built here. */
    imageTag: ResolvedTag;
    /** Digest of each app's image built at that tag, by app name (IMAGE_DIGESTS): the pods run it by digest. Default none: by tag. */
    imageDigests?: Record<string, string>;
    /** Apps left out of this run: a new stack's bootstrap up, before their images exist. Default none. */
    deferredApps?: string[];
    /** Tenant stacks put every app into this namespace (named after the stack). Default: each app's `namespace`. */
    namespace?: string;
    /** The namespace exists already, made by trusted code with its quota (a tenant's): only its NetworkPolicies are declared. Default false. */
    existingNamespace?: boolean;
}

/** Per-app stack outputs. */
export interface AppOutputs {
    /** https://<host> (ingress), http://<load balancer address> (loadBalancer), or the cluster-internal URL. */
    url: pulumi.Output<string>;
    /** The image reference the pods run. */
    image: pulumi.Output<string>;
    /** Ingress apps: `wildcard` (the shared cluster's trusted certificate) or the ClusterIssuer of the host's own. */
    certificate?: string;
}

/** What a WebApp is given for one configured app: its settings, how it is reached, and where it runs. */
interface AppPlacement {
    app: AppConfig;
    image: pulumi.Input<string>;
    expose: Exposure;
    namespace: pulumi.Input<string>;
    secretEnv: Record<string, pulumi.Input<string>>;
    traffic?: AppTraffic;
}

/** The WebApp props of one configured app (webstack:apps.<name>): the config's keys, mapped one by one. */
function webAppProps({ app, image, expose, namespace, secretEnv, traffic }: AppPlacement, stack: Pick<WorkloadsArgs, "cluster" | "platform" | "config">): WebAppProps {
    return {
        image,
        cluster: stack.cluster,
        platform: stack.platform,
        namespace,
        port: app.port,
        portName: app.portName,
        servicePort: app.servicePort,
        command: app.command,
        args: app.args,
        replicas: app.replicas,
        resources: app.resources,
        env: app.env,
        secretEnv,
        expose: expose.mode,
        host: expose.host,
        tlsIssuer: app.tlsIssuer,
        volume: app.volume,
        autoscale: app.autoscale,
        probes: app.probes,
        files: app.files,
        cachePaths: app.cachePaths,
        securityContext: app.securityContext,
        spot: app.spot,
        prod: stack.config.prod,
        instance: stack.config.stack,
        traffic,
    };
}

/** The apps' namespaces (one per group) and one WebApp per configured app. */
export function deployWorkloads(args: WorkloadsArgs): Record<string, AppOutputs> {
    const { config, cluster, platform } = args;
    const apps = Object.entries(config.apps).map(([name, app]) => ({
        name,
        app,
        namespace: args.namespace ?? app.namespace,
        expose: exposure(name, app, { tenantStack: config.tenantStack, stack: config.stack, domain: config.domain }),
    }));

    const namespaces = new Map<string, AppNamespace>();
    for (const namespace of new Set(apps.map((a) => a.namespace))) {
        const members = apps.filter((a) => a.namespace === namespace);
        const component = new AppNamespace(namespace, {
            provider: cluster.provider,
            retain: config.prod && members.some((a) => a.app.volume !== undefined),
            acmeSolverFrom: members.some((a) => a.expose.mode === "ingress") ? platform.ingressNamespace : undefined,
            appPorts: members.map((a) => a.app.port),
            existing: args.existingNamespace,
        });
        namespaces.set(namespace, component);
    }

    const traffic = trafficPlan(apps, config.stack);
    const outputs: Record<string, AppOutputs> = {};
    for (const { name, app, namespace, expose } of apps) {
        if (args.deferredApps?.includes(name)) continue;
        const webApp = new WebApp(name, webAppProps({
            app,
            image: imageRef(name, app, { registry: cluster.registry, imageTag: args.imageTag.tag, digest: args.imageDigests?.[name] }),
            expose,
            namespace: namespaces.get(namespace)!.name,
            secretEnv: Object.fromEntries(Object.entries(app.secretEnv).map(([env, key]) => [env, config.secret(key)])),
            traffic: traffic.get(name),
        }, args));
        outputs[name] = { url: webApp.url, image: webApp.image, ...(webApp.certificate ? { certificate: webApp.certificate } : {}) };
    }
    return outputs;
}
