import type * as pulumi from "@pulumi/pulumi";
import { commonLabels } from "../kube/labels";

/** Label values: at most 63 characters, alphanumerics plus '-', '_' and '.', alphanumeric at both ends. */
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** The labels of one app, derived once: everything it creates carries `labels`, everything that selects its pods uses `selector`. */
export interface AppLabels {
    /** app.kubernetes.io/{name,instance,part-of,managed-by}. */
    labels: Record<string, string>;
    /** The immutable subset (name, instance): a Deployment's selector cannot change after creation. */
    selector: Record<string, string>;
}

/** The recommended labels (kubernetes.io/docs/concepts/overview/working-with-objects/common-labels). */
export function appLabels(name: string, instance: string): AppLabels {
    for (const [what, value] of [["app name", name], ["instance", instance]] as const) {
        if (!labelValue.test(value)) {
            throw new Error(`${what} ${JSON.stringify(value)} cannot be a Kubernetes label value: use at most 63 letters, digits, '-', '_' or '.'`);
        }
    }
    const selector = { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": instance };
    return { selector, labels: { ...selector, ...commonLabels } };
}

/** Where an app's objects go and how they are labelled; every builder in this folder takes one. */
export interface AppMeta {
    /** The app's name: the name of its Deployment, Service, Ingress, HPA, PDB and NetworkPolicy. */
    name: string;
    /** The namespace (the Namespace's output, so objects wait for it). */
    namespace: pulumi.Input<string>;
    labels: AppLabels;
}

/** metadata for an object of the app; `name` defaults to the app's name. */
export function objectMeta(meta: AppMeta, extra: { name?: string; annotations?: Record<string, pulumi.Input<string>> } = {}) {
    return { name: extra.name ?? meta.name, namespace: meta.namespace, labels: meta.labels.labels, annotations: extra.annotations };
}
