import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { objectMeta, type AppMeta } from "./labels";

/** The app's ConfigMap, `<app>-files`: file name → content, mounted read-only. */
export function appConfigMap(meta: AppMeta, data: Record<string, string>, opts: pulumi.CustomResourceOptions): k8s.core.v1.ConfigMap {
    return new k8s.core.v1.ConfigMap(`${meta.name}-files`, {
        metadata: objectMeta(meta, { name: `${meta.name}-files` }),
        data,
    }, opts);
}
