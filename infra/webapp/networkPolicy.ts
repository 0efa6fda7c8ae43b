import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { Expose } from "./props";
import { commonLabels, namespaceLabel } from "../kube/labels";
import { objectMeta, type AppMeta } from "./labels";
import { namespacePolicyNames } from "./names";

export type Peer = k8s.types.input.networking.v1.NetworkPolicyPeer;
export type PolicyEgress = k8s.types.input.networking.v1.NetworkPolicyEgressRule;

/**
 * The pods of webstack's apps: every app's pods carry the common labels. Not cert-manager's solver pods, nor
 * anything else someone runs in the namespace.
 */
export const appPods = { matchLabels: { "app.kubernetes.io/part-of": commonLabels["app.kubernetes.io/part-of"] } };

/**
 * Denies all ingress and egress of every pod in the namespace except DNS lookups to kube-dns (CoreDNS on EKS
 * carries the same k8s-app label). Each app's own policy then allows what it serves.
 */
export function defaultDenyPolicy(name: string, namespace: pulumi.Input<string>, labels: Record<string, string>, opts: pulumi.CustomResourceOptions): k8s.networking.v1.NetworkPolicy {
    return new k8s.networking.v1.NetworkPolicy(name, {
        metadata: { name: namespacePolicyNames.defaultDeny, namespace, labels },
        spec: {
            podSelector: {},
            policyTypes: ["Ingress", "Egress"],
            egress: [{
                to: [{ namespaceSelector: { matchLabels: { [namespaceLabel]: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }],
            }],
        },
    }, opts);
}

/**
 * The apps of a namespace reach each other's ports: the egress half of what each app's own policy admits from
 * its namespace. `ports` are the apps' container ports (policies see the pod's port, after the Service).
 */
export function sameNamespacePolicy(name: string, namespace: pulumi.Input<string>, ports: number[], labels: Record<string, string>, opts: pulumi.CustomResourceOptions): k8s.networking.v1.NetworkPolicy {
    return new k8s.networking.v1.NetworkPolicy(name, {
        metadata: { name: namespacePolicyNames.sameNamespace, namespace, labels },
        spec: {
            podSelector: appPods,
            policyTypes: ["Egress"],
            egress: [{ to: [{ podSelector: appPods }], ports: [...new Set(ports)].sort((a, b) => a - b).map((port) => ({ protocol: "TCP", port })) }],
        },
    }, opts);
}

/** Port cert-manager's HTTP-01 solver pods listen on. */
export const acmeSolverPort = 8089;

/**
 * cert-manager answers HTTP-01 challenges with solver pods it starts in the Ingress's own namespace; the ingress
 * controller must reach them there, or the default deny fails every certificate.
 */
export function acmeSolverPolicy(name: string, namespace: pulumi.Input<string>, ingressNamespace: string, labels: Record<string, string>, opts: pulumi.CustomResourceOptions): k8s.networking.v1.NetworkPolicy {
    return new k8s.networking.v1.NetworkPolicy(name, {
        metadata: { name: namespacePolicyNames.acmeSolver, namespace, labels },
        spec: {
            podSelector: { matchLabels: { "acme.cert-manager.io/http01-solver": "true" } },
            policyTypes: ["Ingress"],
            ingress: [{
                from: [{ namespaceSelector: { matchLabels: { [namespaceLabel]: ingressNamespace } } }],
                ports: [{ protocol: "TCP", port: acmeSolverPort }],
            }],
        },
    }, opts);
}

/**
 * Who may reach the app port. loadBalancer: anyone (no `from` at all, so node-SNATed load-balancer traffic is
 * covered too). ingress: the ingress controller's namespace, plus the apps of its own namespace. internal: the
 * apps of its own namespace (the apps of a group talk to each other). Plus `callers`: apps of other namespaces
 * that declared egress to this one.
 */
export function allowedPeers(expose: Expose, ingressNamespace: string, callers: Peer[] = []): Peer[] | undefined {
    const sameNamespace: Peer = { podSelector: appPods };
    switch (expose) {
        case "loadBalancer":
            return undefined;
        case "ingress":
            return [{ namespaceSelector: { matchLabels: { [namespaceLabel]: ingressNamespace } } }, sameNamespace, ...callers];
        case "internal":
            return [sameNamespace, ...callers];
    }
}

export interface AppNetworkPolicyProps {
    /** The container port. */
    port: number;
    /** How the app is reached. */
    expose: Expose;
    /** Namespace of the ingress controller (PlatformInfo.ingressNamespace). */
    ingressNamespace: string;
    /** Apps of other namespaces allowed in (their declared egress). Default none. */
    callers?: Peer[];
    /** Where the app may connect besides its namespace's apps and DNS (its declared egress). Default nowhere. */
    egress?: PolicyEgress[];
}

/** The app's NetworkPolicy: opens its port to the peers its exposure needs, and its declared egress. */
export function appNetworkPolicy(meta: AppMeta, props: AppNetworkPolicyProps, opts: pulumi.CustomResourceOptions): k8s.networking.v1.NetworkPolicy {
    const from = allowedPeers(props.expose, props.ingressNamespace, props.callers);
    const egress = props.egress ?? [];
    return new k8s.networking.v1.NetworkPolicy(meta.name, {
        metadata: objectMeta(meta),
        spec: {
            podSelector: { matchLabels: meta.labels.selector },
            policyTypes: egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"],
            ingress: [{ ...(from ? { from } : {}), ports: [{ protocol: "TCP", port: props.port }] }],
            ...(egress.length > 0 ? { egress } : {}),
        },
    }, opts);
}
