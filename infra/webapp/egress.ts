/** The `to` of an egress rule that opens every public address. */
export const internet = "internet";

/**
 * What `internet` leaves out: private networks (RFC 1918: the VPC, pods and Services of most clusters), shared
 * address space (RFC 6598, pod ranges on some clusters), link-local (the cloud metadata server at
 * 169.254.169.254, which hands out the node's credentials) and loopback.
 */
export const nonInternetRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "127.0.0.0/8"];

/**
 * One destination an app may open connections to, besides the apps of its own namespace and DNS (always allowed).
 * Opening the internet is explicit: `to: internet` with the ports it needs.
 */
export interface EgressRule {
    /** An app of the same stack (its name), an IPv4 CIDR block, or `internet` (every public address but nonInternetRanges). */
    readonly to: string;
    /** Destination ports. An app: @default its container port (its Service port may be named too). A CIDR or internet: required. */
    readonly ports?: number[];
    /** @default "TCP" */
    readonly protocol?: "TCP" | "UDP";
}

export type EgressKind = "app" | "cidr" | "internet";

/** What an egress rule's `to` names. */
export function kindOf(to: string): EgressKind {
    if (to === internet) return "internet";
    return to.includes("/") ? "cidr" : "app";
}
