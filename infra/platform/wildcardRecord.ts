import { isIP } from "node:net";

/** The one DNS record a stack without `webstack:dns` needs by hand. */
export interface WildcardRecord {
    /** `*.<domain>`: every Ingress host under the domain, tenant hosts `<app>-<stack>.<domain>` included. */
    name: string;
    /** A for an IP (GKE), CNAME for a hostname (EKS's NLB). */
    type: "A" | "CNAME";
    /** The ingress controller's load-balancer address. */
    value: string;
}

/**
 * The wildcard record pointing the domain's hosts at the ingress controller, or undefined while the controller
 * has no address. A DNS wildcard answers for names any number of labels below the domain (RFC 4592) unless a
 * closer name exists, so `*.dev.example.com` also covers `web.dev-alice.dev.example.com`.
 */
export function wildcardRecord(domain: string, address: string | undefined): WildcardRecord | undefined {
    if (!address) return undefined;
    return { name: `*.${domain}`, type: isIP(address) ? "A" : "CNAME", value: address };
}
