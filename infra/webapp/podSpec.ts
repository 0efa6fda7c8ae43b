import type * as k8s from "@pulumi/kubernetes";
import type { ResolvedVolume, RunAs } from "./props";
import type { AppLabels } from "./labels";
import { spotToleration } from "../kube/taints";
import { restrictedPodSecurityContext } from "./securityContext";
import type { PodVolumes } from "./volume";

type PodSpec = k8s.types.input.core.v1.PodSpec;

export interface PodSpecProps {
    labels: AppLabels;
    container: k8s.types.input.core.v1.Container;
    volumes: PodVolumes["volumes"];
    /** The app's persistent volume, if any: decides where the pods may run. */
    volume?: ResolvedVolume;
    /** Numeric user, group and volume group. Default: the image's user; fsGroup 10001 with a volume. */
    runAs?: RunAs;
    /** The pods may run on spot nodes: they tolerate the spot taint. Default false. */
    spot?: boolean;
}

/**
 * Where the pods run. A ReadWriteOnce volume attaches to one node at a time: a rolling update's new pod must
 * land on the node that holds it, or it waits on a Multi-Attach error while maxUnavailable 0 keeps the old pod
 * alive: a deadlock. Required affinity to the app's own pods on the same hostname keeps them together (the
 * first pod, matching nobody yet, may go anywhere). Such pods cannot spread, so only the others spread: across
 * zones and away from each other's nodes, both as preferences so a small or single-zone cluster still schedules.
 */
function placement(labels: AppLabels, volume: ResolvedVolume | undefined): Pick<PodSpec, "affinity" | "topologySpreadConstraints"> {
    if (volume?.accessMode === "ReadWriteOnce") {
        return {
            affinity: {
                podAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: labels.selector }, topologyKey: "kubernetes.io/hostname" }],
                },
            },
        };
    }
    return {
        affinity: {
            podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [{
                    weight: 100,
                    podAffinityTerm: { labelSelector: { matchLabels: labels.selector }, topologyKey: "kubernetes.io/hostname" },
                }],
            },
        },
        topologySpreadConstraints: [{
            maxSkew: 1,
            topologyKey: "topology.kubernetes.io/zone",
            whenUnsatisfiable: "ScheduleAnyway",
            labelSelector: { matchLabels: labels.selector },
            // Count only the pods of the current ReplicaSet, so a rollout's old pods do not skew the new ones.
            matchLabelKeys: ["pod-template-hash"],
        }],
    };
}

/** The pod: restricted, no service account token (the apps do not call the Kubernetes API), no service links. */
export function podSpec(props: PodSpecProps): PodSpec {
    return {
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: restrictedPodSecurityContext({ volumes: props.volume !== undefined, runAs: props.runAs }),
        containers: [props.container],
        volumes: props.volumes,
        ...(props.spot ? { tolerations: [spotToleration] } : {}),
        ...placement(props.labels, props.volume),
    };
}
