import type * as pulumi from "@pulumi/pulumi";

/** The inner cluster resource @pulumi/eks registers under its Cluster component. */
const awsEksClusterType = "aws:eks/cluster:Cluster";
const bootstrapKey = "bootstrapClusterCreatorAdminPermissions";

/**
 * A transform for the eks.Cluster component: the cluster it creates gives its creator no access entry of its own.
 * @pulumi/eks hardcodes bootstrapClusterCreatorAdminPermissions to true (pulumi/pulumi-eks#2373), so the identity
 * that runs `pulumi up` holds an admin entry the stack does not manage, and listing it in `cluster.admins` (the deploy
 * role, required on prod) fails with ResourceInUseException. With it off, every admin is an access entry of the
 * stack. EKS reads the setting only at creation and the provider replaces the cluster on a change, so clusters that
 * already exist keep theirs (ignoreChanges) instead of being replaced.
 */
export const creatorWithoutBootstrapAccess: pulumi.ResourceTransform = ({ type, props, opts }) => {
    if (type !== awsEksClusterType) return undefined;
    const accessConfig = (props.accessConfig ?? {}) as Record<string, unknown>;
    return {
        props: { ...props, accessConfig: { ...accessConfig, [bootstrapKey]: false } },
        opts: { ...opts, ignoreChanges: [...(opts.ignoreChanges ?? []), `accessConfig.${bootstrapKey}`] },
    };
};
