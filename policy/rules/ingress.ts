import { describe, objectOf } from "./kubernetes";
import type { ResourceRule } from "./types";

/** Annotations through which cert-manager's ingress-shim issues the Ingress's certificate. */
export const issuerAnnotations = ["cert-manager.io/cluster-issuer", "cert-manager.io/issuer"] as const;

interface IngressSpec {
    tls?: { hosts?: string[]; secretName?: string }[];
    rules?: { host?: string }[];
}

/** Whether a TLS host entry covers a host; `*.example.com` covers exactly one label below example.com. */
export function coversHost(pattern: string, host: string): boolean {
    if (!pattern.startsWith("*.")) return pattern === host;
    const dot = host.indexOf(".");
    return dot > 0 && host.slice(dot + 1) === pattern.slice(2);
}

export const ingressTls: ResourceRule = {
    name: "ingress-tls",
    description: "Every Ingress serves its hosts over TLS with a certificate from cert-manager (cluster-issuer or issuer annotation).",
    enforcementLevel: "mandatory",
    check(resource) {
        if (resource.type !== "kubernetes:networking.k8s.io/v1:Ingress") return [];
        const object = objectOf(resource);
        const spec = (object.spec ?? {}) as IngressSpec;
        const tls = spec.tls ?? [];
        const tlsHosts = tls.flatMap((entry) => entry.hosts ?? []);
        const subject = describe(resource);
        const problems: string[] = [];
        if (tls.length === 0) problems.push("has no spec.tls; add a tls entry with the rules' hosts and a secretName");
        if (tls.some((entry) => !entry.secretName)) problems.push("has a spec.tls entry without secretName; name the Secret cert-manager writes the certificate to");
        for (const rule of spec.rules ?? [{}]) {
            if (!rule.host) problems.push("serves requests without a host, which no certificate covers; give every rule a host");
            else if (tls.length > 0 && !tlsHosts.some((pattern) => coversHost(pattern, rule.host!))) {
                problems.push(`serves host ${rule.host} outside spec.tls; add it to a tls entry's hosts`);
            }
        }
        const annotations = object.metadata?.annotations ?? {};
        if (!issuerAnnotations.some((key) => annotations[key])) {
            problems.push(`has no ${issuerAnnotations.join(" or ")} annotation; name the issuer that signs its certificate`);
        }
        return problems.map((problem) => `${subject} ${problem}`);
    },
};
