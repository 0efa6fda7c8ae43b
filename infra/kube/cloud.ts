/** Where a cluster comes from: GKE, EKS, or an existing cluster adopted through a kubeconfig. */
export const clouds = ["gcp", "aws", "existing"] as const;

export type Cloud = (typeof clouds)[number];
