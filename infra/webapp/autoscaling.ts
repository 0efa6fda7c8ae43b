import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { objectMeta, type AppMeta } from "./labels";
import type { ResolvedWebApp } from "./props";

type Autoscale = NonNullable<ResolvedWebApp["autoscale"]>;

/** The app's HorizontalPodAutoscaler (autoscaling/v2) on average CPU utilisation of the requests. */
export function appAutoscaler(meta: AppMeta, autoscale: Autoscale, deploymentName: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): k8s.autoscaling.v2.HorizontalPodAutoscaler {
    return new k8s.autoscaling.v2.HorizontalPodAutoscaler(meta.name, {
        metadata: objectMeta(meta),
        spec: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deploymentName },
            minReplicas: autoscale.min,
            maxReplicas: autoscale.max,
            metrics: [{
                type: "Resource",
                resource: { name: "cpu", target: { type: "Utilization", averageUtilization: autoscale.cpuPercent } },
            }],
        },
    }, opts);
}
