import type { Cloud } from "./cloud";

/** What decides a LoadBalancer Service's annotations: the cloud, and whether addresses ever come. */
export interface LoadBalancerTarget {
    cloud: Cloud;
    /** Whether the cluster gives LoadBalancer Services an external address (false on minikube, kind). */
    loadBalancerAddresses: boolean;
}

/**
 * Annotations for an object whose status gets an address from a load balancer: a LoadBalancer Service, or an
 * Ingress (its controller publishes its own Service's address). Where the cluster assigns addresses Pulumi
 * waits for one; where none ever comes (minikube, kind, an adopted cluster without a load-balancer
 * controller) the await would time out after 10 minutes (pulumi-kubernetes#567), so it is skipped.
 */
export function addressAwaitAnnotations(loadBalancerAddresses: boolean): Record<string, string> {
    return loadBalancerAddresses ? {} : { "pulumi.com/skipAwait": "true" };
}

/**
 * An internet-facing Network Load Balancer (not the deprecated Classic ELB) spread over every zone, for the in-tree
 * AWS cloud provider (no AWS Load Balancer Controller is installed, so the in-tree annotations apply).
 */
const awsNlbAnnotations: Record<string, string> = {
    "service.beta.kubernetes.io/aws-load-balancer-type": "nlb",
    "service.beta.kubernetes.io/aws-load-balancer-backend-protocol": "tcp",
    "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled": "true",
};

/**
 * The annotations of every LoadBalancer Service on a cluster: an NLB on EKS, and no await where no address ever
 * comes. Elsewhere Pulumi waits for the address.
 */
export function loadBalancerServiceAnnotations(target: LoadBalancerTarget): Record<string, string> {
    return {
        ...(target.cloud === "aws" ? awsNlbAnnotations : {}),
        ...addressAwaitAnnotations(target.loadBalancerAddresses),
    };
}

/** What a Service's status may hold: nothing at all before the load balancer exists. */
export interface LoadBalancerStatusLike {
    loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] };
}

/** The first load-balancer address of a Service (IP, or hostname on AWS), or undefined while there is none. */
export function loadBalancerAddress(status: LoadBalancerStatusLike | undefined): string | undefined {
    const first = status?.loadBalancer?.ingress?.[0];
    return first?.ip || first?.hostname || undefined;
}
