import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ResolvedWebApp } from "./props";
import { restrictedContainerSecurityContext } from "./securityContext";

export interface ContainerProps {
    /** Full image reference. */
    image: pulumi.Input<string>;
    /** Secret holding one key per `app.secretEnv` entry; required when secretEnv is not empty. */
    secretName?: pulumi.Input<string>;
    /** Mounts of the pod's volumes (podVolumes). */
    mounts: k8s.types.input.core.v1.VolumeMount[];
}

type Env = k8s.types.input.core.v1.EnvVar;

/** Plain values first, then secret ones by reference into the app's Secret (the key is the variable's name). */
function environment(app: Pick<ResolvedWebApp, "env" | "secretEnv">, secretName: pulumi.Input<string> | undefined): Env[] {
    const plain: Env[] = Object.entries(app.env).map(([name, value]) => ({ name, value }));
    const names = Object.keys(app.secretEnv);
    if (names.length > 0 && secretName === undefined) throw new Error(`secretEnv ${names.join(", ")} needs the app's Secret`);
    const secret: Env[] = names.map((name) => ({ name, valueFrom: { secretKeyRef: { name: secretName!, key: name } } }));
    return [...plain, ...secret];
}

/** Config quantities under their Kubernetes resource names. */
function quantities(q: ResolvedWebApp["resources"]["requests"]): Record<string, string> {
    return { cpu: q.cpu, memory: q.memory, "ephemeral-storage": q.ephemeralStorage };
}

type Probe = k8s.types.input.core.v1.Probe;

/**
 * Readiness as `probes.type` says (an HTTP GET of `path`, a TCP connect, or `command`); liveness is an HTTP GET of
 * `livenessPath` when set, else a TCP connect to the port: a process that still accepts connections is not
 * restarted for what a restart cannot fix (a slow dependency).
 */
export function appProbes(app: Pick<ResolvedWebApp, "probes" | "portName">): { readinessProbe: Probe; livenessProbe: Probe } {
    const { probes, portName: port } = app;
    const timing = { timeoutSeconds: 2, failureThreshold: 3 };
    const readiness: Probe =
        probes.type === "http" ? { httpGet: { path: probes.path ?? "/", port } } :
        probes.type === "exec" ? { exec: { command: probes.command } } :
        { tcpSocket: { port } };
    const liveness: Probe = probes.livenessPath === undefined ? { tcpSocket: { port } } : { httpGet: { path: probes.livenessPath, port } };
    return {
        readinessProbe: { ...readiness, ...timing, periodSeconds: 10 },
        livenessProbe: { ...liveness, ...timing, initialDelaySeconds: 10, periodSeconds: 20 },
    };
}

/**
 * The app's single container: restricted security context, requests and limits (CPU, memory, ephemeral
 * storage), its one named port, the image's entrypoint unless `command`/`args` replace it, and the probes.
 */
export function appContainer(name: string, app: ResolvedWebApp, props: ContainerProps): k8s.types.input.core.v1.Container {
    const env = environment(app, props.secretName);
    return {
        name,
        image: props.image,
        imagePullPolicy: "IfNotPresent",
        ...(app.command ? { command: app.command } : {}),
        ...(app.args ? { args: app.args } : {}),
        ports: [{ name: app.portName, containerPort: app.port, protocol: "TCP" }],
        ...(env.length > 0 ? { env } : {}),
        resources: { requests: quantities(app.resources.requests), limits: quantities(app.resources.limits) },
        ...appProbes(app),
        securityContext: restrictedContainerSecurityContext,
        volumeMounts: props.mounts,
    };
}
