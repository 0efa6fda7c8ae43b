import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { objectMeta, type AppMeta } from "./labels";

/** The app's PodDisruptionBudget: node drains and upgrades take down at most one of its pods at a time. */
export function appDisruptionBudget(meta: AppMeta, opts: pulumi.CustomResourceOptions): k8s.policy.v1.PodDisruptionBudget {
    return new k8s.policy.v1.PodDisruptionBudget(meta.name, {
        metadata: objectMeta(meta),
        spec: { maxUnavailable: 1, selector: { matchLabels: meta.labels.selector } },
    }, opts);
}
