import type { Cluster } from "./types";

/**
 * Annotations for an object whose status gets an address from a load balancer: a LoadBalancer Service, or an
 * Ingress (its controller publishes its own Service's address). Where the cluster assigns addresses Pulumi
 * waits for one; where none ever comes (minikube, kind, an adopted cluster without a load-balancer
 * controller) the await would time out after 10 minutes (pulumi-kubernetes#567), so it is skipped.
 */
export function addressAwaitAnnotations(cluster: Pick<Cluster, "loadBalancerAddresses">): Record<string, string> {
    return cluster.loadBalancerAddresses ? {} : { "pulumi.com/skipAwait": "true" };
}
