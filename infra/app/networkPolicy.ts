import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { Exposure } from "./exposure";
import { objectMeta, type AppMeta } from "./labels";

type Peer = k8s.types.input.networking.v1.NetworkPolicyPeer;

const namespaceLabel = "kubernetes.io/metadata.name";

/**
 * Denies all ingress and egress of every pod in the namespace except DNS lookups to kube-dns (CoreDNS on EKS
 * carries the same k8s-app label). Each app's own policy then allows what it serves.
 */
export function defaultDenyPolicy(name: string, namespace: pulumi.Input<string>, labels: Record<string, string>, opts: pulumi.CustomResourceOptions): k8s.networking.v1.NetworkPolicy {
    return new k8s.networking.v1.NetworkPolicy(name, {
        metadata: { name: "default-deny", namespace, labels },
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

/** Port cert-manager's HTTP-01 solver pods listen on. */
export const acmeSolverPort = 8089;

/**
 * cert-manager answers HTTP-01 challenges with solver pods it starts in the Ingress's own namespace; the ingress
 * controller must reach them there, or the default deny fails every certificate.
 */
export function acmeSolverPolicy(name: string, namespace: pulumi.Input<string>, ingressNamespace: string, labels: Record<string, string>, opts: pulumi.CustomResourceOptions): k8s.networking.v1.NetworkPolicy {
    return new k8s.networking.v1.NetworkPolicy(name, {
        metadata: { name: "allow-acme-http01-solver", namespace, labels },
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
 * covered too). ingress: the ingress controller's namespace, plus the app's own namespace. internal: the app's
 * own namespace (the apps of a group talk to each other).
 */
export function allowedPeers(exposure: Exposure, ingressNamespace: string): Peer[] | undefined {
    const sameNamespace: Peer = { podSelector: {} };
    switch (exposure.mode) {
        case "loadBalancer":
            return undefined;
        case "ingress":
            return [{ namespaceSelector: { matchLabels: { [namespaceLabel]: ingressNamespace } } }, sameNamespace];
        case "internal":
            return [sameNamespace];
    }
}

/** The app's NetworkPolicy: opens its port to the peers its exposure needs. */
export function appNetworkPolicy(meta: AppMeta, props: { port: number; exposure: Exposure; ingressNamespace: string }, opts: pulumi.CustomResourceOptions): k8s.networking.v1.NetworkPolicy {
    const from = allowedPeers(props.exposure, props.ingressNamespace);
    return new k8s.networking.v1.NetworkPolicy(meta.name, {
        metadata: objectMeta(meta),
        spec: {
            podSelector: { matchLabels: meta.labels.selector },
            policyTypes: ["Ingress"],
            ingress: [{ ...(from ? { from } : {}), ports: [{ protocol: "TCP", port: props.port }] }],
        },
    }, opts);
}
