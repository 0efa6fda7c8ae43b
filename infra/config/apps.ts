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
import { probesSchema } from "./probes";
import { bytes, millicores } from "./quantity";

/** Requests or limits; ephemeral storage (the emptyDirs, logs) has its own default on each side. */
const computeSchema = (ephemeralStorage: string) =>
    z.strictObject({
        /** CPU, e.g. "100m". */
        cpu: cpuQuantity,
        /** Memory, e.g. "128Mi". */
        memory: byteQuantity,
        /** Node-local disk: the writable emptyDirs (/tmp, cachePaths) and the container's logs. */
        ephemeralStorage: byteQuantity.default(ephemeralStorage),
    });

const defaultResources = webAppDefaults.resources;

export const resourcesSchema = z
    .strictObject({
        /** What the scheduler reserves. Default 100m CPU, 128Mi memory, 64Mi ephemeral storage. */
        requests: computeSchema(defaultResources.requests.ephemeralStorage).default({ ...defaultResources.requests }),
        /** The ceiling. Default 500m CPU, 256Mi memory, 256Mi ephemeral storage (beyond it the pod is evicted). */
        limits: computeSchema(defaultResources.limits.ephemeralStorage).default({ ...defaultResources.limits }),
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
    /** Requested capacity, e.g. "1Gi". */
    size: byteQuantity,
    /** Where the container sees the volume. */
    mountPath: absolutePath,
    /** StorageClass; default: the cluster's default class. */
    storageClass: dnsSubdomain.optional(),
    /** Default ReadWriteOnce: all replicas are then kept on the node that holds the volume. */
    accessMode: z.enum(volumeAccessModes).default(webAppDefaults.volume.accessMode),
});

export const autoscaleSchema = z
    .strictObject({
        /** Fewest replicas the HorizontalPodAutoscaler keeps. */
        min: z.int().min(1),
        /** Most replicas, at most 100. */
        max: z.int().min(1).max(100),
        /** Target average CPU utilisation in percent of requests. Default 70. */
        cpuPercent: z.int().min(1).max(100).default(webAppDefaults.autoscale.cpuPercent),
    })
    .superRefine((a, ctx) => {
        if (a.min > a.max) {
            ctx.addIssue({ code: "custom", path: ["min"], input: a.min, message: `must not exceed max (${a.max})` });
        }
    });

export const filesSchema = z.strictObject({
    /** Directory the files appear in (read-only, from a ConfigMap). */
    mountPath: absolutePath,
    /** File name → content. */
    data: z.record(z.string().regex(/^[-._a-zA-Z0-9]+$/, "must be a file name"), z.string()),
});

/** A user or group id: numeric (the kubelet checks runAsNonRoot against numbers only) and never 0 (root). */
const nonRootId = z.int().min(1, "must not be 0: uid and gid 0 are root, which Pod Security restricted forbids").max(2147483647);

/** Who the container runs as. Default: the image's own numeric USER (runAsNonRoot is always on). */
export const securityContextSchema = z.strictObject({
    /** uid of the container's processes. Default: the image's USER. */
    runAsUser: nonRootId.optional(),
    /** Primary gid of the container's processes. Default: the image's. */
    runAsGroup: nonRootId.optional(),
    /** Group that owns mounted volumes (a PersistentVolume is root-owned when provisioned). Default 10001 when the app has a volume. */
    fsGroup: nonRootId.optional(),
});

export const appSchema = z
    .strictObject({
        /** Namespace the app runs in (apps sharing one form a group). Default "web"; tenant stacks use their own. */
        namespace: dnsLabel.default(defaultAppNamespace),
        /** Image repository without tag. Optional for apps built here (`build`): default, the stack's registry. */
        image: imageRepository.optional(),
        /** Directory (from the repository root) this image is built from; marks the image as our own. */
        build: z.string().regex(/^[A-Za-z0-9_./-]+$/, "must be a repository-relative directory").optional(),
        /** Image tag. Our own images: default the resolved git SHA. Third-party images: required, never latest. */
        tag: imageTag.optional(),
        /** Container port. Default 8080. */
        port: portNumber.default(webAppDefaults.port),
        /** Name of the container and Service port: `http` or `http-*` mark an HTTP port. Default "http". */
        portName: portName.default(webAppDefaults.portName),
        /** Port the Service listens on. Default 80 for an HTTP port, else the container port. */
        servicePort: portNumber.optional(),
        /** Overrides the image's ENTRYPOINT. Default: the image's. */
        command: z.array(z.string()).min(1, "must not be empty (leave it out to keep the image's entrypoint)").optional(),
        /** Overrides the image's CMD (the entrypoint's arguments). Default: the image's. */
        args: z.array(z.string()).optional(),
        /** Numeric, non-zero user, group and volume group. Default: the image's user; fsGroup 10001 with a volume. */
        securityContext: securityContextSchema.default({}),
        /** Replicas (initial count when autoscaled). Default 1. */
        replicas: z.int().min(1).max(100).default(webAppDefaults.replicas),
        /** Requests and limits. */
        resources: resourcesSchema.default({ requests: { ...defaultResources.requests }, limits: { ...defaultResources.limits } }),
        /** Plain environment values (never secrets). */
        env: z.record(envName, z.string()).default({}),
        /** Environment name → secret config key (set with `pulumi config set --secret`). */
        secretEnv: z.record(envName, configKeyName).default({}),
        /** loadBalancer: public Service; ingress: TLS Ingress at `host`; internal: ClusterIP only. Default internal. */
        expose: z.enum(exposeModes).default(webAppDefaults.expose),
        /** Host name for `expose: ingress`. */
        host: hostname.optional(),
        /** ClusterIssuer for the Ingress certificate; default: prod on prod stacks, staging elsewhere. */
        tlsIssuer: z.enum(["staging", "prod"]).optional(),
        /** A PersistentVolumeClaim mounted into the pods. */
        volume: volumeSchema.optional(),
        /** A HorizontalPodAutoscaler on CPU. */
        autoscale: autoscaleSchema.optional(),
        /** Readiness and liveness checks. Default: HTTP GET / for readiness, a TCP connect for liveness. */
        probes: probesSchema.prefault({}),
        /** Where the app may open connections besides its namespace's apps and DNS. Default: nowhere else. */
        egress: z.array(egressRuleSchema).default([]),
        /** Files served from a ConfigMap (at most about 1 MiB in all). */
        files: filesSchema.optional(),
        /** Writable scratch directories (emptyDir) besides /tmp, for a read-only root filesystem. */
        cachePaths: z.array(absolutePath).default([]),
        /** In tenant stacks, keep a LoadBalancer Service instead of turning it into an Ingress. Default false. */
        forceLoadBalancer: flag.default(false),
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

export const appsSchema = z.record(appName, appSchema);

export type AppConfig = z.infer<typeof appSchema>;

/** Built here and pushed to the stack's registry as `<registry>/<name>`: `build` set and no `image` of its own. */
export function pushedToStackRegistry(app: Pick<AppConfig, "build" | "image">): boolean {
    return app.build !== undefined && app.image === undefined;
}
export type VolumeConfig = z.infer<typeof volumeSchema>;
export type ResourcesConfig = z.infer<typeof resourcesSchema>;

/**
 * Whether a tenant stack serves the app through the shared ingress controller: Ingress apps, and LoadBalancer
 * apps that do not force their own load balancer. Internal apps and forced load balancers keep their mode.
 */
export function servedByTenantIngress(app: Pick<AppConfig, "expose" | "forceLoadBalancer">): boolean {
    return app.expose === "ingress" || (app.expose === "loadBalancer" && !app.forceLoadBalancer);
}
