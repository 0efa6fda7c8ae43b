import type * as pulumi from "@pulumi/pulumi";

/** The Kubernetes ServiceAccount external-dns runs as (the chart names it after the release). */
export interface ServiceAccountRef {
    namespace: string;
    name: string;
}

/** What external-dns needs from its cloud identity, whichever cloud it is. */
export interface DnsIdentity {
    /** external-dns provider name (`google`, `aws`). */
    provider: string;
    /** Annotations that bind the ServiceAccount to the cloud identity (Workload Identity / IRSA). */
    serviceAccountAnnotations: Record<string, pulumi.Input<string>>;
    /** Provider flags for external-dns. */
    args: string[];
    /** Environment of the external-dns container. */
    env: { name: string; value: string }[];
    /** The grants; external-dns starts after them, so its first sync is not refused. */
    grants: pulumi.Resource[];
}
