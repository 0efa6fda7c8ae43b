/** How fast the provider's Kubernetes client may call the API server: client-go's token bucket. */
export interface KubeClientLimits {
    /** Requests per second, sustained. */
    readonly qps: number;
    /** Requests allowed at once above that rate, after a quiet spell. */
    readonly burst: number;
}

/**
 * The provider's own limits (qps 50, burst 120) queue a stack of many apps once its steps run many at once: every
 * object costs a patch and the reads of its await, and every request waits its turn in the client. These are what
 * a managed control plane (GKE, EKS: API Priority and Fairness shares the server among clients) takes from one
 * deployer in its stride, and what a kube-controller-manager on a large cluster is given. Here, not in provider.ts,
 * so the config schema (which the workflow CLIs load) needs no Pulumi SDK.
 */
export const kubeClientDefaults: KubeClientLimits = { qps: 200, burst: 400 };
