import type { ResolvedClusterProps } from "./props";

/** Who reaches a cluster's API server, from the cluster config (the same on GKE and EKS). */
export interface EndpointAccess {
    /** CIDRs allowed to the public endpoint: the authorized networks, then the deployer networks, without repeats. */
    allowedNetworks: string[];
    /** Whether the public endpoint is on: off only when the deploy jobs run inside the VPC and nothing else is allowed. */
    publicEndpoint: boolean;
    /** The Kubernetes provider talks to the private endpoint (the deploy jobs run inside the VPC). */
    viaPrivateEndpoint: boolean;
}

export function endpointAccess(config: Pick<ResolvedClusterProps, "authorizedNetworks" | "deployerNetworks" | "deployFromVpc">): EndpointAccess {
    const allowedNetworks = [...new Set([...config.authorizedNetworks, ...config.deployerNetworks])];
    return {
        allowedNetworks,
        publicEndpoint: !(config.deployFromVpc && allowedNetworks.length === 0),
        viaPrivateEndpoint: config.deployFromVpc,
    };
}
