import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { objectMeta, type AppMeta } from "./labels";

/** The app's Secret, `<app>-env`: one key per secret environment variable. */
export function appSecret(meta: AppMeta, values: Record<string, pulumi.Input<string>>, opts: pulumi.CustomResourceOptions): k8s.core.v1.Secret {
    return new k8s.core.v1.Secret(`${meta.name}-env`, {
        metadata: objectMeta(meta, { name: `${meta.name}-env` }),
        type: "Opaque",
        // Values come from config.requireSecret; pulumi.secret keeps them encrypted in state even if a caller
        // ever hands in a plain value.
        stringData: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, pulumi.secret(value)])),
    }, opts);
}
