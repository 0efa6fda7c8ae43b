import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { commonLabels } from "../kube/labels";
import { podSecurityLabels, podSecurityVersion } from "../kube/podSecurity";
import type { Subject } from "../kube/rbac";
import { tenantRoleBinding } from "../tenant/roleBinding";
import { acmeSolverPolicy, defaultDenyPolicy, sameNamespacePolicy } from "./networkPolicy";

export interface AppNamespaceArgs {
    /** The cluster's provider; every object of the namespace uses it. */
    provider: k8s.Provider;
    /**
     * Protect the Namespace and keep it when removed from the program. Deleting a namespace deletes every PVC in
     * it, whatever the PVCs' own retainOnDelete says: prod namespaces holding volumes need this. Default false.
     */
    retain?: boolean;
    /**
     * Namespace of the ingress controller, when apps here are served through an Ingress: it may then reach
     * cert-manager's HTTP-01 solver pods in this namespace. Default: no such allowance.
     */
    acmeSolverFrom?: string;
    /** Container ports of the apps here: each may reach the others on them. Default none (no such policy). */
    appPorts?: number[];
    /**
     * Tenant namespaces: the identities granted the tenant role here (review stacks, the sweep), bound before
     * anything else is created in the namespace, since those identities create it. Not for an `existing` namespace
     * (the cluster's stack provisions it and its access). Default: no such binding.
     */
    tenantSubjects?: pulumi.Input<Subject[] | undefined>;
    /**
     * The namespace exists already, created with its labels by the cluster's own stack (a developer's provisioned
     * tenant namespace): only its NetworkPolicies are declared here. Default false.
     */
    existing?: boolean;
}

/**
 * A namespace for a group of apps: Pod Security `restricted`, a default-deny NetworkPolicy (DNS allowed), and an
 * egress allowance among its apps on their ports.
 */
export class AppNamespace extends pulumi.ComponentResource {
    /** The Namespace object; undefined for an existing namespace. */
    readonly namespace?: k8s.core.v1.Namespace;
    /** The namespace's name, as an Output of the Namespace (objects using it wait for it). */
    readonly name: pulumi.Output<string>;
    readonly defaultDeny: k8s.networking.v1.NetworkPolicy;
    readonly sameNamespace?: k8s.networking.v1.NetworkPolicy;
    readonly acmeSolver?: k8s.networking.v1.NetworkPolicy;
    /** Tenant namespaces: grants the tenant role to the tenant identities. */
    readonly tenantRoleBinding?: k8s.rbac.v1.RoleBinding;
    /** Options for further objects of this namespace: parented here, on the cluster's provider. */
    readonly childOptions: pulumi.CustomResourceOptions;

    constructor(name: string, args: AppNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:app:AppNamespace", name, {}, opts);
        this.childOptions = { parent: this, provider: args.provider };
        this.namespace = args.existing ? undefined : new k8s.core.v1.Namespace(name, {
            metadata: { name, labels: { ...commonLabels, ...podSecurityLabels("restricted", podSecurityVersion) } },
        }, { ...this.childOptions, ...(args.retain ? { protect: true, retainOnDelete: true } : {}) });
        this.name = this.namespace ? this.namespace.metadata.name : pulumi.output(name);
        if (this.namespace && args.tenantSubjects !== undefined) {
            this.tenantRoleBinding = tenantRoleBinding(`${name}-tenant`, this.name, pulumi.output(args.tenantSubjects).apply((s) => s ?? []), this.childOptions);
            // Everything else in the namespace waits for the binding: the tenant identities create it through the binding.
            this.name = pulumi.all([this.name, this.tenantRoleBinding.metadata.name]).apply(([n]) => n);
        }
        this.defaultDeny = defaultDenyPolicy(`${name}-default-deny`, this.name, commonLabels, this.childOptions);
        this.sameNamespace = args.appPorts?.length
            ? sameNamespacePolicy(`${name}-same-namespace`, this.name, args.appPorts, commonLabels, this.childOptions)
            : undefined;
        this.acmeSolver = args.acmeSolverFrom
            ? acmeSolverPolicy(`${name}-acme-solver`, this.name, args.acmeSolverFrom, commonLabels, this.childOptions)
            : undefined;
        this.registerOutputs({ name: this.name });
    }
}
