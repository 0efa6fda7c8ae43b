import { z } from "zod";
import {
    absolutePath,
    byteQuantity,
    configKeyName,
    cpuQuantity,
    dnsLabel,
    dnsSubdomain,
    envName,
    hostname,
    imageRepository,
    imageTag,
    flag,
} from "./formats";
import { appProblems } from "./appChecks";
import { egressRuleSchema } from "./egress";
import { portName, portNumber } from "./ports";
import { defaultServicePort } from "../webapp/ports";
import { exposeModes, volumeAccessModes, webAppDefaults } from "../webapp/props";
import { defaultAppNamespace } from "../webapp/names";
import { issuerNames, type IssuerFlavour } from "../platform/names";
import { probesSchema } from "./probes";
import { bytes, millicores } from "./quantity";

/** Requests or limits; ephemeral storage (the emptyDirs, logs) has its own default on each side. */
const computeSchema = (ephemeralStorage: string) =>
    z.strictObject({
        cpu: cpuQuantity.describe("CPU, e.g. \"100m\"."),
        memory: byteQuantity.describe("Memory, e.g. \"128Mi\"."),
        ephemeralStorage: byteQuantity.default(ephemeralStorage).describe("Node-local disk: the writable emptyDirs (/tmp, cachePaths) and the container's logs."),
    });

const defaultResources = webAppDefaults.resources;

export const resourcesSchema = z
    .strictObject({
        requests: computeSchema(defaultResources.requests.ephemeralStorage).default({ ...defaultResources.requests }).describe("What the scheduler reserves: cpu, memory, ephemeralStorage."),
        limits: computeSchema(defaultResources.limits.ephemeralStorage).default({ ...defaultResources.limits }).describe("The ceiling: cpu, memory, ephemeralStorage (beyond it the pod is evicted)."),
    })
    .superRefine((r, ctx) => {
        if (millicores(r.requests.cpu) > millicores(r.limits.cpu)) {
            ctx.addIssue({ code: "custom", path: ["requests", "cpu"], input: r.requests.cpu, message: `must not exceed limits.cpu (${r.limits.cpu})` });
        }
        for (const key of ["memory", "ephemeralStorage"] as const) {
            if (bytes(r.requests[key]) > bytes(r.limits[key])) {
                ctx.addIssue({ code: "custom", path: ["requests", key], input: r.requests[key], message: `must not exceed limits.${key} (${r.limits[key]})` });
            }
        }
    });

export const volumeSchema = z.strictObject({
    size: byteQuantity.refine((q) => bytes(q) > 0, "must be more than zero").describe("Requested capacity, e.g. \"1Gi\"."),
    mountPath: absolutePath.describe("Where the container sees the volume."),
    storageClass: dnsSubdomain.optional().describe("StorageClass. Default: the cluster's default class (ReadWriteMany needs a class that offers it)."),
    accessMode: z.enum(volumeAccessModes).default(webAppDefaults.volume.accessMode).describe("ReadWriteOnce keeps all replicas on the node that holds the volume; ReadWriteOncePod allows one pod only."),
});

export const autoscaleSchema = z
    .strictObject({
        min: z.int().min(1).describe("Fewest replicas the HorizontalPodAutoscaler keeps."),
        max: z.int().min(1).max(100).describe("Most replicas, at most 100."),
        cpuPercent: z.int().min(1).max(100).default(webAppDefaults.autoscale.cpuPercent).describe("Target average CPU utilisation, in percent of the requests."),
    })
    .superRefine((a, ctx) => {
        if (a.min > a.max) {
            ctx.addIssue({ code: "custom", path: ["min"], input: a.min, message: `must not exceed max (${a.max})` });
        }
    });

export const filesSchema = z.strictObject({
    mountPath: absolutePath.describe("Directory the files appear in (read-only, from a ConfigMap)."),
    data: z.record(z.string().regex(/^[-._a-zA-Z0-9]+$/, "must be a file name"), z.string()).describe("File name → content."),
});

/** A user or group id: numeric (the kubelet checks runAsNonRoot against numbers only) and never 0 (root). */
const nonRootId = z.int().min(1, "must not be 0: uid and gid 0 are root, which Pod Security restricted forbids").max(2147483647);

/** Who the container runs as. Default: the image's own numeric USER (runAsNonRoot is always on). */
export const securityContextSchema = z.strictObject({
    runAsUser: nonRootId.optional().describe("uid of the container's processes. Default: the image's numeric USER."),
    runAsGroup: nonRootId.optional().describe("Primary gid of the container's processes. Default: the image's."),
    fsGroup: nonRootId.optional().describe("Group that owns mounted volumes (a PersistentVolume is root-owned when provisioned). Default: 10001 when the app has a volume."),
});

export const appSchema = z
    .strictObject({
        namespace: dnsLabel.default(defaultAppNamespace).describe("Namespace the app runs in; apps sharing one form a group. Not a system, platform or tenant namespace; tenant stacks use their own."),
        image: imageRepository.optional().describe("Image repository, without tag. Default for apps built here (build): <the stack's registry>/<app name>."),
        build: z.string().regex(/^[A-Za-z0-9_./-]+$/, "must be a repository-relative directory").optional().describe("Directory (from the repository root) this image is built from; marks the image as our own."),
        tag: imageTag.optional().describe("Image tag; required for third-party images, never latest. Default for apps built here: the resolved image tag (the git SHA)."),
        port: portNumber.default(webAppDefaults.port).describe("Container port."),
        portName: portName.default(webAppDefaults.portName).describe("Name of the container and Service port; http or http-* mark an HTTP port."),
        servicePort: portNumber.optional().describe("Port the Service listens on. Default: 80 for an HTTP port, else port."),
        command: z.array(z.string()).min(1, "must not be empty (leave it out to keep the image's entrypoint)").optional().describe("Replaces the image's ENTRYPOINT ($(VAR) expands the container's env). Default: the image's."),
        args: z.array(z.string()).optional().describe("Replaces the image's CMD, the entrypoint's arguments. Default: the image's."),
        securityContext: securityContextSchema.default({}).describe("Numeric, non-zero user, group and volume group the containers run as."),
        spot: flag.default(webAppDefaults.spot).describe("The app may be preempted: its pods may run on spot node groups that carry the spot taint (cluster.nodeGroups[].spotTaint)."),
        replicas: z.int().min(1).max(100).default(webAppDefaults.replicas).describe("Pods; with autoscale, leave it out: the HPA owns the count, starting at autoscale.min."),
        resources: resourcesSchema.default({ requests: { ...defaultResources.requests }, limits: { ...defaultResources.limits } }).describe("Requests and limits of the container."),
        env: z.record(envName, z.string()).default({}).describe("Plain environment values (never secrets)."),
        secretEnv: z.record(envName, configKeyName).default({}).describe("Environment name → the name of a secret config key of this stack (pulumi config set --secret webstack:<key>)."),
        expose: z.enum(exposeModes).default(webAppDefaults.expose).describe("loadBalancer: a public LoadBalancer Service; ingress: a TLS Ingress at host (HTTP apps only); internal: a ClusterIP Service only."),
        host: hostname.optional().describe("Host of the Ingress; required with expose ingress, and only used there."),
        tlsIssuer: z.enum(Object.keys(issuerNames) as [IssuerFlavour, ...IssuerFlavour[]]).optional().describe("ClusterIssuer of the Ingress certificate: staging or prod. Default: prod on prod stacks, staging elsewhere."),
        volume: volumeSchema.optional().describe("A PersistentVolumeClaim mounted into the pods."),
        autoscale: autoscaleSchema.optional().describe("A HorizontalPodAutoscaler on CPU."),
        probes: probesSchema.prefault({}).describe("Readiness and liveness checks: by default an HTTP GET / for readiness and a TCP connect for liveness."),
        egress: z.array(egressRuleSchema).default([]).describe("Where the app may open connections besides its namespace's apps and DNS (always allowed)."),
        files: filesSchema.optional().describe("Files served from a ConfigMap (at most about 1 MiB in all)."),
        cachePaths: z.array(absolutePath).default([]).describe("Writable scratch directories (emptyDir) besides /tmp, for a read-only root filesystem."),
        forceLoadBalancer: flag.default(false).describe("On tenant stacks, keep a LoadBalancer Service instead of turning it into an Ingress (the tenant quota must admit it)."),
    })
    .superRefine((app, ctx) => {
        if (!app.build && !app.image) {
            ctx.addIssue({ code: "custom", path: ["image"], input: undefined, message: "is required for images not built here (no `build`)" });
        }
        if (!app.build && !app.tag) {
            ctx.addIssue({ code: "custom", path: ["tag"], input: undefined, message: "is required and must be pinned for third-party images (no `build`)" });
        }
        if (app.expose === "ingress" && !app.host) {
            ctx.addIssue({ code: "custom", path: ["host"], input: undefined, message: "is required when expose is ingress" });
        }
        if (app.expose !== "ingress" && app.host) {
            ctx.addIssue({ code: "custom", path: ["host"], input: app.host, message: `is only used with expose: ingress (expose is ${app.expose})` });
        }
        if (app.expose !== "ingress" && app.tlsIssuer) {
            ctx.addIssue({ code: "custom", path: ["tlsIssuer"], input: app.tlsIssuer, message: `is only used with expose: ingress (expose is ${app.expose})` });
        }
        if (app.volume?.accessMode === "ReadWriteOncePod" && (app.replicas > 1 || (app.autoscale?.max ?? 1) > 1)) {
            ctx.addIssue({ code: "custom", path: ["volume", "accessMode"], input: "ReadWriteOncePod", message: "allows one pod only; use ReadWriteOnce or ReadWriteMany with more than one replica" });
        }
        for (const problem of appProblems(app)) ctx.addIssue({ code: "custom", ...problem });
    })
    .transform((app) => ({ ...app, servicePort: app.servicePort ?? defaultServicePort(app) }));

/** App names become Service names, which must start with a letter (DNS-1035). */
const appName = dnsLabel.regex(/^[a-z]/, "must start with a letter: it names the app's Service (a DNS-1035 label)");

export const appsSchema = z.record(appName.describe("The app's name: a DNS label starting with a letter (it names its Service)."), appSchema);

export type AppConfig = z.infer<typeof appSchema>;

/** The apps whose image is built from this repository (`build` set), in config order. */
export function appsBuiltHere(apps: Record<string, Pick<AppConfig, "build">>): string[] {
    return Object.entries(apps).filter(([, app]) => app.build !== undefined).map(([name]) => name);
}

/** Built here and pushed to the stack's registry as `<registry>/<name>`: `build` set and no `image` of its own. */
export function pushedToStackRegistry(app: Pick<AppConfig, "build" | "image">): boolean {
    return app.build !== undefined && app.image === undefined;
}

/** The repository of an app's image: its own `image`, else `<registry>/<name>` in the stack's registry. */
export function appRepository(name: string, app: Pick<AppConfig, "image">, registry: string): string {
    return app.image ?? `${registry}/${name}`;
}

/**
 * Whether a tenant stack serves the app through the shared ingress controller: Ingress apps, and LoadBalancer
 * apps that do not force their own load balancer. Internal apps and forced load balancers keep their mode.
 */
export function servedByTenantIngress(app: Pick<AppConfig, "expose" | "forceLoadBalancer">): boolean {
    return app.expose === "ingress" || (app.expose === "loadBalancer" && !app.forceLoadBalancer);
}
