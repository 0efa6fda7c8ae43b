import { describe, isWorkload, podContainers, podSpecOf, renderingChart, type PodContainer, type PodSpec } from "./kubernetes";
import type { ResourceInput, ResourceRule } from "./types";

/** What is wrong with one container: nothing, one problem, or several. */
export type ContainerFinding = string | string[] | undefined;

export interface ContainerRuleSpec extends Omit<ResourceRule, "check"> {
    /** Also check workloads rendered by Helm charts. Default false: those are hardened through chart values. */
    charts?: boolean;
    checkContainer(container: PodContainer, pod: PodSpec, resource: ResourceInput): ContainerFinding;
}

/**
 * A rule over every container and init container of every workload (Pod, Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, Job, CronJob). Each message starts with the workload and the container it is about.
 */
export function containerRule({ charts = false, checkContainer, ...rule }: ContainerRuleSpec): ResourceRule {
    return {
        ...rule,
        check(resource) {
            if (!isWorkload(resource.type) || (!charts && renderingChart(resource))) return [];
            const pod = podSpecOf(resource);
            if (!pod) return [`${describe(resource)}: has no pod template; declare spec.template.spec`];
            return podContainers(pod).flatMap((entry) => {
                const finding = checkContainer(entry, pod, resource) ?? [];
                return (Array.isArray(finding) ? finding : [finding]).map((problem) => `${describe(resource)}: ${entry.label}: ${problem}`);
            });
        },
    };
}
