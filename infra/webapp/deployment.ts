import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { objectMeta, type AppMeta } from "./labels";

export interface DeploymentProps {
    pod: k8s.types.input.core.v1.PodSpec;
    /** Replicas at creation. */
    replicas: number;
    /** A HorizontalPodAutoscaler owns the replica count after creation. Default false. */
    autoscaled?: boolean;
    /** Annotations of the pod template (a change rolls the pods). */
    podAnnotations?: Record<string, pulumi.Input<string>>;
    /**
     * Replace the pods all at once instead of rolling: needed when only one pod may hold the volume
     * (ReadWriteOncePod), where a surge pod could never start. Default false.
     */
    recreate?: boolean;
}

/** The app's Deployment: zero-downtime rolling updates (one extra pod, none missing). */
export function appDeployment(meta: AppMeta, props: DeploymentProps, opts: pulumi.CustomResourceOptions): k8s.apps.v1.Deployment {
    return new k8s.apps.v1.Deployment(meta.name, {
        metadata: objectMeta(meta),
        spec: {
            replicas: props.replicas,
            selector: { matchLabels: meta.labels.selector },
            strategy: props.recreate ? { type: "Recreate" } : { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
            revisionHistoryLimit: 5,
            template: {
                metadata: { labels: meta.labels.labels, ...(props.podAnnotations ? { annotations: props.podAnnotations } : {}) },
                spec: props.pod,
            },
        },
    }, {
        ...opts,
        // The HPA scales through the scale subresource; without this every `pulumi up` would reset the count
        // (and fight the HPA's field manager under server-side apply, pulumi-kubernetes#2491). Created with
        // replicas = autoscale.min so the first rollout does not start below the HPA's floor.
        ...(props.autoscaled ? { ignoreChanges: [...(opts.ignoreChanges ?? []), "spec.replicas"] } : {}),
    });
}
