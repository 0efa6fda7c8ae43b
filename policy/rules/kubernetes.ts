import { field } from "./props";
import type { ResourceInput } from "./types";

/** The parts of Kubernetes objects the rules read. Every field optional: rules must cope with anything. */
export interface ObjectMeta {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
}

export interface Container {
    name?: string;
    image?: string;
    env?: { name?: string; value?: string; valueFrom?: unknown }[];
    resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
    readinessProbe?: Probe;
    livenessProbe?: Probe;
    /** `Always` makes an init container a sidecar, which runs (and is probed) like a container. */
    restartPolicy?: string;
    securityContext?: SecurityContext;
}

/** The handler of a probe; timings are left out as no rule reads them. */
export interface Probe {
    httpGet?: { path?: string; port?: number | string };
    tcpSocket?: { port?: number | string };
    grpc?: { port?: number; service?: string };
    exec?: { command?: string[] };
}

export interface SecurityContext {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    allowPrivilegeEscalation?: boolean;
    privileged?: boolean;
    readOnlyRootFilesystem?: boolean;
}

export interface PodSpec {
    containers?: Container[];
    initContainers?: Container[];
    restartPolicy?: string;
    securityContext?: SecurityContext;
    affinity?: { podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { labelSelector?: LabelSelector; topologyKey?: string }[] } };
}

export interface LabelSelector {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface KubernetesObject {
    kind?: string;
    metadata?: ObjectMeta;
    spec?: Record<string, unknown>;
}

/** Where each workload kind keeps its pod template (metadata + spec); a Pod is its own template. */
const podTemplatePaths: Record<string, string[]> = {
    "kubernetes:core/v1:Pod": [],
    "kubernetes:apps/v1:Deployment": ["spec", "template"],
    "kubernetes:apps/v1:StatefulSet": ["spec", "template"],
    "kubernetes:apps/v1:DaemonSet": ["spec", "template"],
    "kubernetes:apps/v1:ReplicaSet": ["spec", "template"],
    "kubernetes:batch/v1:Job": ["spec", "template"],
    "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template"],
};

interface PodTemplate {
    metadata?: ObjectMeta;
    spec?: PodSpec;
}

function podTemplateOf(resource: Pick<ResourceInput, "type" | "props">): PodTemplate | undefined {
    const path = podTemplatePaths[resource.type];
    const template = path && field(resource.props, ...path);
    return template && typeof template === "object" ? (template as PodTemplate) : undefined;
}

/** Workload types that run to completion: nothing to probe. */
const runToCompletion = new Set(["kubernetes:batch/v1:Job", "kubernetes:batch/v1:CronJob"]);

export const isWorkload = (type: string): boolean => type in podTemplatePaths;

export const podSpecOf = (resource: Pick<ResourceInput, "type" | "props">): PodSpec | undefined => podTemplateOf(resource)?.spec;

/** Labels of a workload's pods. */
export const podLabels = (resource: Pick<ResourceInput, "type" | "props">): Record<string, string> => podTemplateOf(resource)?.metadata?.labels ?? {};

/** Pods that keep running (Deployments, StatefulSets, DaemonSets, restartable Pods) rather than completing. */
export function isLongRunning(resource: Pick<ResourceInput, "type">, pod: PodSpec): boolean {
    if (runToCompletion.has(resource.type)) return false;
    return resource.type !== "kubernetes:core/v1:Pod" || (pod.restartPolicy ?? "Always") === "Always";
}

export interface PodContainer {
    container: Container;
    /** An init container that is not a sidecar: runs once before the others. */
    init: boolean;
    /** `container web`, `init container migrate`: how messages name it. */
    label: string;
}

/** Containers and init containers of a pod, each labelled for messages. */
export function podContainers(pod: PodSpec): PodContainer[] {
    const entry = (container: Container, kind: string, init: boolean): PodContainer => ({ container, init, label: `${kind} ${container.name ?? "(unnamed)"}` });
    return [
        ...(pod.initContainers ?? []).map((c) => (c.restartPolicy === "Always" ? entry(c, "sidecar container", false) : entry(c, "init container", true))),
        ...(pod.containers ?? []).map((c) => entry(c, "container", false)),
    ];
}

export const objectOf = (resource: Pick<ResourceInput, "props">): KubernetesObject => resource.props as KubernetesObject;

export const namespaceOf = (resource: Pick<ResourceInput, "props">): string => objectOf(resource).metadata?.namespace ?? "default";

/** `Deployment web/nginx` for Kubernetes objects, `<type> <Pulumi name>` for anything else. */
export function describe(resource: Pick<ResourceInput, "type" | "name" | "props">): string {
    const object = objectOf(resource);
    if (!resource.type.startsWith("kubernetes:")) return `${resource.type} ${resource.name}`;
    const kind = object.kind ?? resource.type.split(":").pop();
    return `${kind} ${object.metadata?.namespace ?? "default"}/${object.metadata?.name ?? resource.name}`;
}

/** The Helm chart type a resource was rendered by, if any (its values, not the objects, are ours to harden). */
export function renderingChart(resource: Pick<ResourceInput, "ancestors">): string | undefined {
    return resource.ancestors.find((type) => type.startsWith("kubernetes:helm.sh/"));
}

/** Whether a label selector selects the given labels. An empty selector selects everything. */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
    if (!selector) return false;
    const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
    return byLabel && (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
        switch (operator) {
            case "In":
                return key in labels && values.includes(labels[key]);
            case "NotIn":
                return !(key in labels) || !values.includes(labels[key]);
            case "Exists":
                return key in labels;
            case "DoesNotExist":
                return !(key in labels);
            default:
                return false;
        }
    });
}
