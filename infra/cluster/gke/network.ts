import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Address plan of the cluster's VPC (RFC 1918, one VPC per stack so ranges never clash across stacks):
 * nodes on the subnet's primary range, pods and Services on its secondary ranges (VPC-native), and the
 * /28 that GKE peers the private control plane into.
 */
export const gkeRanges = {
    nodes: "10.0.0.0/20",
    pods: { name: "pods", cidr: "10.4.0.0/14" },
    services: { name: "services", cidr: "10.8.0.0/20" },
    controlPlane: "172.16.0.0/28",
} as const;

export interface GkeNetworkArgs {
    /** Region of the subnet and the Cloud Router. */
    region: string;
    /** Add a Cloud Router and Cloud NAT, so nodes without public IPs can pull public images. */
    nat: boolean;
}

export interface GkeNetwork {
    network: gcp.compute.Network;
    subnet: gcp.compute.Subnetwork;
    /** Present when `nat` was asked for. */
    router?: gcp.compute.Router;
    nat?: gcp.compute.RouterNat;
}

/** A custom-mode VPC with one VPC-native subnet for the cluster (and its NAT gateway for private nodes). */
export function createGkeNetwork(name: string, args: GkeNetworkArgs, opts: pulumi.CustomResourceOptions): GkeNetwork {
    const network = new gcp.compute.Network(name, { autoCreateSubnetworks: false, routingMode: "REGIONAL" }, opts);
    const subnet = new gcp.compute.Subnetwork(name, {
        network: network.id,
        region: args.region,
        ipCidrRange: gkeRanges.nodes,
        secondaryIpRanges: [
            { rangeName: gkeRanges.pods.name, ipCidrRange: gkeRanges.pods.cidr },
            { rangeName: gkeRanges.services.name, ipCidrRange: gkeRanges.services.cidr },
        ],
        // Private nodes reach Google APIs (Artifact Registry, logging) without public IPs.
        privateIpGoogleAccess: true,
    }, opts);
    if (!args.nat) return { network, subnet };
    const router = new gcp.compute.Router(name, { network: network.id, region: args.region }, opts);
    const nat = new gcp.compute.RouterNat(name, {
        router: router.name,
        region: args.region,
        natIpAllocateOption: "AUTO_ONLY",
        sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
        subnetworks: [{ name: subnet.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
        logConfig: { enable: true, filter: "ERRORS_ONLY" },
    }, opts);
    return { network, subnet, router, nat };
}
