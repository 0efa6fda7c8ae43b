import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { DeveloperAccess } from "../cluster/props";
import type { Cloud } from "../kube/cloud";
import { commonLabels } from "../kube/labels";
import { gkeMemberSubject, rbacApiGroup, userSubject, type Subject } from "../kube/rbac";
import { tenantNamespace } from "../kube/tenancy";
import type { TenantLimits } from "./limits";
import { tenantNamespaceLabels } from "./namespaceObjects";
import { TenantQuota } from "./quota";
import { tenantRoleBinding } from "./roleBinding";

export interface DeveloperNamespacesArgs {
    /** The developers and the tenant stacks each may edit. */
    developers: DeveloperAccess[];
    /** gcp and existing: edit is granted by a RoleBinding per namespace; aws: by the access entries' namespaced policy (eks/access.ts). */
    cloud: Cloud;
    /** Quota and container defaults of every provisioned namespace (the owning stack's webstack:tenant). */
    limits?: TenantLimits;
    /**
     * The stack sweep's identities (webstack:access sweepers), granted the tenant role in every provisioned namespace
     * so it can remove a stale stack's objects there. @default none
     */
    sweepers?: Subject[];
    provider: k8s.Provider;
}

/**
 * The namespaces of the developers' tenant stacks, created by the cluster's own stack so that a developer needs
 * only namespace-scoped edit (no right to create namespaces or to change their own quota): each gets the Pod
 * Security labels, the tenant ResourceQuota and LimitRange, and (on GKE and adopted clusters) a RoleBinding of `edit`
 * to the developers that list it. The developer's tenant stack then deploys into it, as a pull request's stack does
 * into the namespace the provisioner makes.
 */
export class DeveloperNamespaces extends pulumi.ComponentResource {
    readonly namespaces: k8s.core.v1.Namespace[];

    constructor(name: string, args: DeveloperNamespacesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:tenant:DeveloperNamespaces", name, {}, opts);
        const child = { parent: this, provider: args.provider };
        const stacks = [...new Set(args.developers.flatMap((d) => d.stacks))];
        this.namespaces = stacks.map((stack) => {
            const ns = tenantNamespace(stack);
            const namespace = new k8s.core.v1.Namespace(ns, { metadata: { name: ns, labels: tenantNamespaceLabels(ns, args.limits) } }, child);
            new TenantQuota(ns, { namespace: namespace.metadata.name, limits: args.limits }, child);
            if (args.sweepers?.length) {
                tenantRoleBinding(`${ns}-tenant`, namespace.metadata.name, args.sweepers, child);
            }
            // EKS grants edit through the developers' access entries; elsewhere RBAC does.
            if (args.cloud !== "aws") {
                const developerSubject = args.cloud === "gcp" ? gkeMemberSubject : userSubject;
                new k8s.rbac.v1.RoleBinding(`${ns}-developers`, {
                    metadata: { name: "webstack-developers", namespace: namespace.metadata.name, labels: commonLabels },
                    roleRef: { apiGroup: rbacApiGroup, kind: "ClusterRole", name: "edit" },
                    subjects: args.developers.filter((d) => d.stacks.includes(stack)).map((d) => developerSubject(d.principal)),
                }, child);
            }
            return namespace;
        });
        this.registerOutputs({ namespaces: this.namespaces.map((n) => n.metadata.name) });
    }
}
