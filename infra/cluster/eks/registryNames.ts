/**
 * How the ECR repositories of an EKS stack are named, in one place: EksCluster creates them by these names, and
 * `npm run built-apps -- --format targets` builds their URNs from them (without loading the AWS SDK).
 */

/** Type token of the EKS cluster component. */
export const eksClusterType = "webstack:cluster:Eks";

/** Type token of an ECR repository component (a child of the cluster). */
export const ecrRepositoryType = "webstack:registry:Ecr";

/** Type tokens of an ECR repository component's children (the AWS provider's). */
export const ecrRepositoryChildTypes = ["aws:ecr/repository:Repository", "aws:ecr/lifecyclePolicy:LifecyclePolicy"] as const;

/** The child of an ECR repository component that exists when the stack has review pushers (allow or deny them). */
export const ecrRepositoryPolicyType = "aws:ecr/repositoryPolicy:RepositoryPolicy";

/** The path of a cluster's review repositories: `<cluster>-review/<image>`. */
export function reviewRegistryName(cluster: string): string {
    return `${cluster}-review`;
}

/** The repository of image `image` in the registry of cluster `cluster`: its Pulumi resource name and its ECR name. */
export function ecrRepositoryNames(cluster: string, image: string): { resource: string; repository: string } {
    return { resource: `${cluster}-${image}`, repository: `${cluster}/${image}` };
}
