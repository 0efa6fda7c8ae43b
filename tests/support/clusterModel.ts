import type { RenderResult } from "../../tools/render/render";
import type { Cluster, Endpoint, Policy, Port } from "./reachability";

/**
 * A cluster as the rendered manifests would make it, for the reachability evaluator: one endpoint per Deployment
 * (its pod template's labels and container ports), the rendered NetworkPolicies and Namespaces, plus what else
 * lives on a cluster: the ingress controller (in the platform's namespace, from PlatformInfo), kube-dns, a pod of
 * some other namespace, cert-manager's HTTP-01 solver in each namespace that holds an Ingress, and three addresses
 * outside the cluster (a public one, the cloud metadata server, one in the VPC).
 */

/** Recorded manifests are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const tcp = (port: number, name?: string): Port => ({ port, protocol: "TCP", ...(name ? { name } : {}) });

export const outside = {
    internet: { id: "internet", ip: "203.0.113.7", ports: [tcp(443), tcp(80)] },
    metadata: { id: "metadata-server", ip: "169.254.169.254", ports: [tcp(80)] },
    vpc: { id: "vpc-database", ip: "10.20.0.5", ports: [tcp(5432)] },
} satisfies Record<string, Endpoint>;

export interface ModelOptions {
    /** Namespace of the ingress controller pods (PlatformInfo.ingressNamespace). */
    ingressNamespace: string;
    /** More endpoints (e.g. another tenant's pod). */
    extra?: Endpoint[];
}

export function clusterFromRender(result: RenderResult, options: ModelOptions): Cluster {
    const manifests = result.manifests as Obj[];
    let next = 10;
    const podIp = () => `10.8.0.${next++}`;
    const namespaces: Record<string, Record<string, string>> = { "kube-system": {}, other: {}, [options.ingressNamespace]: {} };
    for (const ns of manifests.filter((m) => m.kind === "Namespace")) namespaces[ns.metadata.name] = ns.metadata.labels ?? {};

    const apps: Endpoint[] = manifests
        .filter((m) => m.kind === "Deployment")
        .map((d) => ({
            id: `${d.metadata.namespace}/${d.metadata.name}`,
            ip: podIp(),
            ports: (d.spec.template.spec.containers as Obj[]).flatMap((c) => (c.ports ?? []).map((p: Obj) => ({ port: p.containerPort, protocol: p.protocol ?? "TCP", name: p.name }))),
            pod: { namespace: d.metadata.namespace, labels: d.spec.template.metadata.labels },
        }));
    const ingressNamespaces = [...new Set(manifests.filter((m) => m.kind === "Ingress").map((i) => i.metadata.namespace as string))];
    const solvers: Endpoint[] = ingressNamespaces.map((namespace) => ({
        id: `${namespace}/acme-solver`,
        ip: podIp(),
        ports: [tcp(8089, "http")],
        pod: { namespace, labels: { "acme.cert-manager.io/http01-solver": "true" } },
    }));
    const platform: Endpoint[] = [
        { id: "ingress-controller", ip: podIp(), ports: [tcp(8000, "web"), tcp(8443, "websecure")], pod: { namespace: options.ingressNamespace, labels: { "app.kubernetes.io/component": "controller" } } },
        { id: "kube-dns", ip: podIp(), ports: [{ port: 53, protocol: "UDP" }, tcp(53)], pod: { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } } },
        { id: "other/pod", ip: podIp(), ports: [tcp(8080, "http")], pod: { namespace: "other", labels: { run: "debug" } } },
    ];
    for (const e of options.extra ?? []) if (e.pod && !namespaces[e.pod.namespace]) namespaces[e.pod.namespace] = {};
    return {
        namespaces,
        endpoints: [...apps, ...solvers, ...platform, ...(options.extra ?? []), ...Object.values(outside)],
        policies: manifests.filter((m) => m.kind === "NetworkPolicy") as Policy[],
    };
}

/** Pods of the namespaces where the render puts NetworkPolicies: the app namespaces, whose traffic is under test. */
export function inPolicedNamespaces(result: RenderResult): (e: Endpoint) => boolean {
    const policed = new Set((result.manifests as Obj[]).filter((m) => m.kind === "NetworkPolicy").map((p) => p.metadata.namespace as string));
    return (e) => e.pod !== undefined && policed.has(e.pod.namespace);
}
