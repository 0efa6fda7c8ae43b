/**
 * Who can reach whom, on which port, under a set of Kubernetes NetworkPolicies: an evaluator of the API's
 * documented semantics (kubernetes.io/docs/concepts/services-networking/network-policies), independent of how
 * the program builds its policies.
 *
 * - A pod is isolated for ingress (egress) when some policy of its namespace selects it and lists Ingress
 *   (Egress) in policyTypes; policyTypes defaults to Ingress, plus Egress when the policy has egress rules.
 * - An isolated pod admits a connection when any rule of any such policy admits it: policies only add.
 * - A connection needs both ends: the source's egress and the destination's ingress.
 * - A rule with no from/to admits every peer; with no ports, every port. A peer with only podSelector means pods of
 *   the policy's namespace; namespaceSelector alone, every pod of the namespaces it selects; both, the pods of both.
 * - ipBlock is matched against pod IPs too (CNIs differ here; matching them over-approximates reachability, which
 *   is the safe side for "nothing else is reachable").
 * - A named port matches the destination pod's container port of that name.
 */

type Labels = Record<string, string>;

interface Selector {
    matchLabels?: Labels;
    matchExpressions?: { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }[];
}

interface PolicyPort {
    protocol?: string;
    port?: number | string;
    endPort?: number;
}

interface Peer {
    podSelector?: Selector;
    namespaceSelector?: Selector;
    ipBlock?: { cidr: string; except?: string[] };
}

interface Rule {
    from?: Peer[];
    to?: Peer[];
    ports?: PolicyPort[];
}

export interface Policy {
    metadata: { name: string; namespace: string };
    spec: { podSelector: Selector; policyTypes?: string[]; ingress?: Rule[]; egress?: Rule[] };
}

export interface Port {
    port: number;
    protocol: "TCP" | "UDP";
    name?: string;
}

/** A pod (in a namespace, with labels) or an address outside the cluster. */
export interface Endpoint {
    id: string;
    ip: string;
    ports: Port[];
    pod?: { namespace: string; labels: Labels };
}

export interface Cluster {
    /** Namespace name → labels (kubernetes.io/metadata.name is added). */
    namespaces: Record<string, Labels>;
    endpoints: Endpoint[];
    policies: Policy[];
}

export function selects(selector: Selector | undefined, labels: Labels): boolean {
    if (!selector) return true;
    const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
    const byExpression = (selector.matchExpressions ?? []).every((e) => {
        const has = Object.hasOwn(labels, e.key);
        switch (e.operator) {
            case "In":
                return has && (e.values ?? []).includes(labels[e.key]);
            case "NotIn":
                return !has || !(e.values ?? []).includes(labels[e.key]);
            case "Exists":
                return has;
            case "DoesNotExist":
                return !has;
        }
    });
    return byLabel && byExpression;
}

function ipToNumber(ip: string): number {
    return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

export function inCidr(ip: string, cidr: string): boolean {
    const [base, bits] = cidr.split("/");
    const size = 2 ** (32 - Number(bits));
    const start = Math.floor(ipToNumber(base) / size) * size;
    const n = ipToNumber(ip);
    return n >= start && n < start + size;
}

function namespaceLabels(cluster: Cluster, name: string): Labels {
    return { ...(cluster.namespaces[name] ?? {}), "kubernetes.io/metadata.name": name };
}

function peerMatches(cluster: Cluster, peer: Peer, policyNamespace: string, endpoint: Endpoint): boolean {
    if (peer.ipBlock) {
        return inCidr(endpoint.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCidr(endpoint.ip, c));
    }
    if (!endpoint.pod) return false;
    const namespaceOk = peer.namespaceSelector
        ? selects(peer.namespaceSelector, namespaceLabels(cluster, endpoint.pod.namespace))
        : endpoint.pod.namespace === policyNamespace;
    return namespaceOk && selects(peer.podSelector, endpoint.pod.labels);
}

function portMatches(ports: PolicyPort[] | undefined, port: Port, destination: Endpoint): boolean {
    if (!ports || ports.length === 0) return true;
    return ports.some((p) => {
        if ((p.protocol ?? "TCP") !== port.protocol) return false;
        if (p.port === undefined) return true;
        if (typeof p.port === "string") return destination.pod !== undefined && port.name === p.port;
        return p.endPort === undefined ? p.port === port.port : port.port >= p.port && port.port <= p.endPort;
    });
}

function policyTypes(policy: Policy): string[] {
    return policy.spec.policyTypes ?? ["Ingress", ...(policy.spec.egress ? ["Egress"] : [])];
}

/** Policies of the pod's namespace that select it for `direction`. */
function governing(cluster: Cluster, pod: Endpoint, direction: "Ingress" | "Egress"): Policy[] {
    return cluster.policies.filter((p) =>
        pod.pod !== undefined &&
        p.metadata.namespace === pod.pod.namespace &&
        policyTypes(p).includes(direction) &&
        selects(p.spec.podSelector, pod.pod.labels));
}

function admits(cluster: Cluster, policies: Policy[], direction: "Ingress" | "Egress", peer: Endpoint, port: Port, destination: Endpoint): boolean {
    if (policies.length === 0) return true; // not isolated
    return policies.some((policy) =>
        (direction === "Ingress" ? policy.spec.ingress ?? [] : policy.spec.egress ?? []).some((rule) => {
            const peers = direction === "Ingress" ? rule.from : rule.to;
            const peerOk = !peers || peers.length === 0 || peers.some((p) => peerMatches(cluster, p, policy.metadata.namespace, peer));
            return peerOk && portMatches(rule.ports, port, destination);
        }));
}

/** Whether `source` may open a connection to `destination` on `port`. */
export function canReach(cluster: Cluster, source: Endpoint, destination: Endpoint, port: Port): boolean {
    const egressOk = !source.pod || admits(cluster, governing(cluster, source, "Egress"), "Egress", destination, port, destination);
    const ingressOk = !destination.pod || admits(cluster, governing(cluster, destination, "Ingress"), "Ingress", source, port, destination);
    return egressOk && ingressOk;
}

/**
 * Every allowed connection `source -> destination:port/protocol` between the endpoints, to each port the
 * destination serves, where at least one end is selected by `focus` (the pods whose policies are under test).
 */
export function reachability(cluster: Cluster, focus: (e: Endpoint) => boolean): string[] {
    const out: string[] = [];
    for (const source of cluster.endpoints) {
        for (const destination of cluster.endpoints) {
            if (!focus(source) && !focus(destination)) continue;
            for (const port of destination.ports) {
                if (canReach(cluster, source, destination, port)) out.push(`${source.id} -> ${destination.id}:${port.port}/${port.protocol}`);
            }
        }
    }
    return out.sort();
}
