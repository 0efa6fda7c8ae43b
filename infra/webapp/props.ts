import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ClusterContext } from "../cluster/types";
import type { PlatformInfo } from "../platform";
import type { IssuerFlavour } from "../platform/names";
import { defaultServicePort } from "./ports";

/** loadBalancer: a public LoadBalancer Service; ingress: a TLS Ingress at `host`; internal: a ClusterIP Service only. */
export const exposeModes = ["loadBalancer", "ingress", "internal"] as const;
export type Expose = (typeof exposeModes)[number];

export const volumeAccessModes = ["ReadWriteOnce", "ReadWriteMany", "ReadWriteOncePod"] as const;
export type VolumeAccessMode = (typeof volumeAccessModes)[number];

/** How the kubelet checks the app: an HTTP GET, a TCP connect to the port, or a command in the container. */
export const probeTypes = ["http", "tcp", "exec"] as const;
export type ProbeType = (typeof probeTypes)[number];

/** CPU, memory and ephemeral storage, as Kubernetes quantities ("100m", "128Mi"). */
export interface Quantities {
    readonly cpu: string;
    readonly memory: string;
    /** Node-local disk: the writable emptyDirs (/tmp, cachePaths) and the container's logs. @default 64Mi requested, 256Mi limit */
    readonly ephemeralStorage?: string;
}

export interface ResourcesProps {
    /** What the scheduler reserves. @default 100m CPU, 128Mi memory, 64Mi ephemeral storage */
    readonly requests?: Quantities;
    /** The ceiling. @default 500m CPU, 256Mi memory, 256Mi ephemeral storage (beyond it the pod is evicted) */
    readonly limits?: Quantities;
}

/** A PersistentVolumeClaim, `<app>-data`, mounted into the pods. */
export interface VolumeProps {
    /** Requested capacity, e.g. "1Gi". */
    readonly size: string;
    /** Where the container sees the volume. */
    readonly mountPath: string;
    /** StorageClass. @default the cluster's default class */
    readonly storageClass?: string;
    /** @default "ReadWriteOnce": all replicas are then kept on the node that holds the volume */
    readonly accessMode?: VolumeAccessMode;
}

/** A HorizontalPodAutoscaler on CPU; it owns the replica count. */
export interface AutoscaleProps {
    /** Fewest replicas. */
    readonly min: number;
    /** Most replicas. */
    readonly max: number;
    /** Target average CPU utilisation, in percent of the requests. @default 70 */
    readonly cpuPercent?: number;
}

/**
 * Readiness answers "send me traffic?", liveness "restart me?". Liveness is a TCP connect to the port unless
 * `livenessPath` gives an HTTP path of its own, so a slow dependency never restarts the pods.
 */
export interface ProbesProps {
    /** http: GET `path`; tcp: connect to the port; exec: run `command` (exit 0 = ready). @default "http" */
    readonly type?: ProbeType;
    /** http: path of the readiness probe. @default "/" */
    readonly path?: string;
    /** http: path of the liveness probe. @default none: a TCP connect to the app port */
    readonly livenessPath?: string;
    /** exec: the readiness command, e.g. [redis-cli, ping]. Required with exec. */
    readonly command?: string[];
}

/** Files served read-only from a ConfigMap, `<app>-files`. */
export interface FilesProps {
    /** Directory the files appear in. */
    readonly mountPath: string;
    /** File name → content. */
    readonly data: Record<string, string>;
}

/** Numeric ids the containers run as; each non-zero (Pod Security restricted). */
export interface RunAs {
    /** uid of the container's processes. @default the image's USER */
    readonly runAsUser?: number;
    /** Primary gid. @default the image's */
    readonly runAsGroup?: number;
    /** Group that owns mounted volumes. @default 10001 when the app has a volume, else none */
    readonly fsGroup?: number;
}

/** The NetworkPolicy pieces the declared egress of a stack's apps adds to one app (trafficPlan). */
export interface AppTraffic {
    /** Egress rules of the app's own policy. */
    egress: k8s.types.input.networking.v1.NetworkPolicyEgressRule[];
    /** Apps of other namespaces that call this one: peers its ingress rule admits. */
    callers: k8s.types.input.networking.v1.NetworkPolicyPeer[];
}

/** One web workload. Only `image` and `cluster` are required; everything else has the default its field names. */
export interface WebAppProps {
    /** The image: a repository with `tag`, or a full reference (with its tag or digest) on its own. */
    readonly image: pulumi.Input<string>;
    /** Image tag, appended to `image`. @default none: `image` carries its tag or digest */
    readonly tag?: string;
    /** The cluster: its provider (every object uses it), default StorageClass and load-balancer behaviour. */
    readonly cluster: ClusterContext;
    /** Namespace to run in (an AppNamespace's `name`, so every object waits for the Namespace). @default "default" */
    readonly namespace?: pulumi.Input<string>;
    /** Container port. @default 8080 */
    readonly port?: number;
    /** Name of the container and Service port; `http` or `http-*` mark an HTTP port. @default "http" */
    readonly portName?: string;
    /** Port the Service listens on. @default 80 for an HTTP port, else `port` */
    readonly servicePort?: number;
    /** Replaces the image's ENTRYPOINT. @default the image's */
    readonly command?: string[];
    /** Replaces the image's CMD (the entrypoint's arguments). @default the image's */
    readonly args?: string[];
    /** Replicas (with `autoscale`, its min is used instead). @default 1 */
    readonly replicas?: number;
    /** Requests and limits of the container. @default see ResourcesProps */
    readonly resources?: ResourcesProps;
    /** Plain environment values (never secrets). @default none */
    readonly env?: Record<string, string>;
    /** Environment name → secret value, kept in the app's Secret `<app>-env`. @default none */
    readonly secretEnv?: Record<string, pulumi.Input<string>>;
    /** How the app is reached. @default "internal" */
    readonly expose?: Expose;
    /** Host of the Ingress; required with expose ingress. */
    readonly host?: string;
    /** ClusterIssuer of the Ingress certificate. @default "prod" on prod, else "staging" */
    readonly tlsIssuer?: IssuerFlavour;
    /** A PersistentVolumeClaim mounted into the pods. @default none */
    readonly volume?: VolumeProps;
    /** A HorizontalPodAutoscaler on CPU. @default none: `replicas` pods */
    readonly autoscale?: AutoscaleProps;
    /** Readiness and liveness checks. @default HTTP GET / for readiness, a TCP connect for liveness */
    readonly probes?: ProbesProps;
    /** Files served from a ConfigMap (at most about 1 MiB in all). @default none */
    readonly files?: FilesProps;
    /** Writable scratch directories (emptyDir) besides /tmp, for the read-only root filesystem. @default none */
    readonly cachePaths?: string[];
    /** Numeric user, group and volume group. @default the image's user; fsGroup 10001 with a volume */
    readonly securityContext?: RunAs;
    /**
     * The app may be preempted: its pods tolerate the spot taint of spot node groups beside on-demand ones. With a
     * ReadWriteOnce volume all its pods share one node, which a preemption takes down at once. @default false
     */
    readonly spot?: boolean;
    /** Ingress class, controller namespace, ClusterIssuers, and what an Ingress waits for. @default the names Platform installs, nothing to wait for */
    readonly platform?: PlatformInfo;
    /** Prod: the PVC is protected and retained; Ingress certificates from the prod issuer. @default false */
    readonly prod?: boolean;
    /** app.kubernetes.io/instance of the app's objects. @default the app's name */
    readonly instance?: string;
    /** The app's declared egress, and the apps of other namespaces that call it (trafficPlan). @default none */
    readonly traffic?: AppTraffic;
}

export const webAppDefaults = {
    namespace: "default",
    port: 8080,
    portName: "http",
    replicas: 1,
    expose: "internal",
    resources: {
        requests: { cpu: "100m", memory: "128Mi", ephemeralStorage: "64Mi" },
        limits: { cpu: "500m", memory: "256Mi", ephemeralStorage: "256Mi" },
    },
    volume: { accessMode: "ReadWriteOnce" },
    autoscale: { cpuPercent: 70 },
    probes: { type: "http", path: "/" },
    spot: false,
} as const;

type Defined<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

export type ResolvedVolume = VolumeProps & { readonly accessMode: VolumeAccessMode };

/** The props with every default filled in (the fields that have no default stay optional). */
export interface ResolvedWebApp extends Omit<WebAppProps, "resources" | "volume" | "autoscale" | "probes"> {
    readonly namespace: pulumi.Input<string>;
    readonly port: number;
    readonly portName: string;
    readonly servicePort: number;
    readonly replicas: number;
    readonly resources: { readonly requests: Defined<Quantities>; readonly limits: Defined<Quantities> };
    readonly env: Record<string, string>;
    readonly secretEnv: Record<string, pulumi.Input<string>>;
    readonly expose: Expose;
    readonly tlsIssuer: IssuerFlavour;
    readonly volume?: ResolvedVolume;
    readonly autoscale?: AutoscaleProps & { readonly cpuPercent: number };
    readonly probes: ProbesProps & { readonly type: ProbeType };
    readonly cachePaths: string[];
    readonly spot: boolean;
    readonly prod: boolean;
}

/** WebApp's props with every default applied. */
export function withWebAppDefaults(props: WebAppProps): ResolvedWebApp {
    const d = webAppDefaults;
    const port = props.port ?? d.port;
    const portName = props.portName ?? d.portName;
    const quantities = (side: "requests" | "limits") => {
        const given = props.resources?.[side];
        return given ? { ...given, ephemeralStorage: given.ephemeralStorage ?? d.resources[side].ephemeralStorage } : d.resources[side];
    };
    const probeType = props.probes?.type ?? d.probes.type;
    return {
        ...props,
        namespace: props.namespace ?? d.namespace,
        port,
        portName,
        servicePort: props.servicePort ?? defaultServicePort({ port, portName }),
        replicas: props.replicas ?? d.replicas,
        resources: { requests: quantities("requests"), limits: quantities("limits") },
        env: props.env ?? {},
        secretEnv: props.secretEnv ?? {},
        expose: props.expose ?? d.expose,
        tlsIssuer: props.tlsIssuer ?? (props.prod ? "prod" : "staging"),
        volume: props.volume && { ...props.volume, accessMode: props.volume.accessMode ?? d.volume.accessMode },
        autoscale: props.autoscale && { ...props.autoscale, cpuPercent: props.autoscale.cpuPercent ?? d.autoscale.cpuPercent },
        probes: { ...props.probes, type: probeType, ...(probeType === "http" ? { path: props.probes?.path ?? d.probes.path } : {}) },
        cachePaths: props.cachePaths ?? [],
        spot: props.spot ?? webAppDefaults.spot,
        prod: props.prod ?? false,
    };
}
