import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Subject } from "../access/subjects";
import { tenantRoleBinding } from "../access/tenantRoleBinding";
import { podSecurityLabels } from "../app/namespace";
import { commonLabels } from "../app/labels";
import type { DeveloperConfig } from "../config/access";
import type { TenantConfig } from "../config/tenant";
import { tenantNamespace } from "./namespaceName";
import { TenantQuota } from "./quota";

/** Marks a namespace this stack provisioned for a tenant stack (the value is the namespace). */
export const tenantStackLabel = "webstack.dev/tenant-stack";

/** A GKE IAM member as an RBAC subject: groups (Google Groups for RBAC) as Group, users and service accounts by e-mail. */
export function rbacSubject(member: string): { kind: "User" | "Group"; name: string; apiGroup: string } {
    const [type, email] = [member.slice(0, member.indexOf(":")), member.slice(member.indexOf(":") + 1)];
    return { kind: type === "group" ? "Group" : "User", name: email, apiGroup: "rbac.authorization.k8s.io" };
}

export interface DeveloperNamespacesArgs {
    /** The developers and the tenant stacks each may edit. */
    developers: DeveloperConfig[];
    /** gcp: edit is granted by a RoleBinding per namespace; aws: by the access entries' namespaced policy (eks/access.ts). */
    cloud: "gcp" | "aws" | "existing";
    /** Quota and container defaults of every provisioned namespace (the owning stack's webstack:tenant). */
    limits: TenantConfig;
    /**
     * The stack sweep's identities (webstack:access sweepers), granted the tenant role in every provisioned namespace
     * so it can destroy the tenant stacks there, as in the namespaces tenant stacks create. Default none.
     */
    sweepers?: Subject[];
    provider: k8s.Provider;
}

/**
 * The namespaces of the developers' tenant stacks, created by the cluster's own stack so that a developer needs
 * only namespace-scoped edit (no right to create namespaces or to change their own quota): each gets the Pod
 * Security labels, the tenant ResourceQuota and LimitRange, and on GKE a RoleBinding of `edit` to the developers
 * that list it. The tenant stack then deploys into the namespace without creating it (parse.ts: provisionedNamespace).
 */
export class DeveloperNamespaces extends pulumi.ComponentResource {
    readonly namespaces: k8s.core.v1.Namespace[];

    constructor(name: string, args: DeveloperNamespacesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:tenant:DeveloperNamespaces", name, {}, opts);
        const child = { parent: this, provider: args.provider };
        const stacks = [...new Set(args.developers.flatMap((d) => d.stacks))];
        this.namespaces = stacks.map((stack) => {
            const ns = tenantNamespace(stack);
            const namespace = new k8s.core.v1.Namespace(ns, {
                metadata: { name: ns, labels: { ...commonLabels, ...podSecurityLabels, [tenantStackLabel]: ns } },
            }, child);
            new TenantQuota(ns, { namespace: namespace.metadata.name, limits: args.limits }, child);
            if (args.sweepers?.length) {
                tenantRoleBinding(`${ns}-tenant`, namespace.metadata.name, args.sweepers, child);
            }
            if (args.cloud === "gcp") {
                new k8s.rbac.v1.RoleBinding(`${ns}-developers`, {
                    metadata: { name: "webstack-developers", namespace: namespace.metadata.name, labels: commonLabels },
                    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
                    subjects: args.developers.filter((d) => d.stacks.includes(stack)).map((d) => rbacSubject(d.principal)),
                }, child);
            }
            return namespace;
        });
        this.registerOutputs({ namespaces: this.namespaces.map((n) => n.metadata.name) });
    }
}
