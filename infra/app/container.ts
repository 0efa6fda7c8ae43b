import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { AppConfig } from "../config/apps";
import { restrictedContainerSecurityContext } from "./securityContext";

/** Name of the container port; the probes use it. */
export const portName = "http";

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
function environment(app: Pick<AppConfig, "env" | "secretEnv">, secretName: pulumi.Input<string> | undefined): Env[] {
    const plain: Env[] = Object.entries(app.env).map(([name, value]) => ({ name, value }));
    const names = Object.keys(app.secretEnv);
    if (names.length > 0 && secretName === undefined) throw new Error(`secretEnv ${names.join(", ")} needs the app's Secret`);
    const secret: Env[] = names.map((name) => ({ name, valueFrom: { secretKeyRef: { name: secretName!, key: name } } }));
    return [...plain, ...secret];
}

/** Config quantities under their Kubernetes resource names. */
function quantities(q: AppConfig["resources"]["requests"]): Record<string, string> {
    return { cpu: q.cpu, memory: q.memory, "ephemeral-storage": q.ephemeralStorage };
}

/**
 * The app's single container: restricted security context, requests and limits (CPU, memory, ephemeral
 * storage), a readiness probe on the HTTP path and a liveness probe that differs from it (its own path, or
 * a TCP connect).
 */
export function appContainer(name: string, app: AppConfig, props: ContainerProps): k8s.types.input.core.v1.Container {
    const probe = { timeoutSeconds: 2, failureThreshold: 3 };
    const liveness = app.probes.livenessPath === undefined ? { tcpSocket: { port: portName } } : { httpGet: { path: app.probes.livenessPath, port: portName } };
    const env = environment(app, props.secretName);
    return {
        name,
        image: props.image,
        imagePullPolicy: "IfNotPresent",
        ports: [{ name: portName, containerPort: app.port, protocol: "TCP" }],
        ...(env.length > 0 ? { env } : {}),
        resources: { requests: quantities(app.resources.requests), limits: quantities(app.resources.limits) },
        readinessProbe: { httpGet: { path: app.probes.path, port: portName }, ...probe, periodSeconds: 10 },
        livenessProbe: { ...liveness, ...probe, initialDelaySeconds: 10, periodSeconds: 20 },
        securityContext: restrictedContainerSecurityContext,
        volumeMounts: props.mounts,
    };
}
