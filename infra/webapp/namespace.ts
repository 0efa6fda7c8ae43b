import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { commonLabels } from "../kube/labels";
import { podSecurityLabels, podSecurityVersion } from "../kube/podSecurity";
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
     * The namespace exists already, made with its labels and quota by trusted code (a tenant's: the shared stack or
     * the provisioner made it): only its NetworkPolicies are declared here. @default false
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

    constructor(name: string, args: AppNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:app:AppNamespace", name, {}, opts);
        const childOptions = { parent: this, provider: args.provider };
        this.namespace = args.existing ? undefined : new k8s.core.v1.Namespace(name, {
            metadata: { name, labels: { ...commonLabels, ...podSecurityLabels("restricted", podSecurityVersion) } },
        }, { ...childOptions, ...(args.retain ? { protect: true, retainOnDelete: true } : {}) });
        this.name = this.namespace ? this.namespace.metadata.name : pulumi.output(name);
        this.defaultDeny = defaultDenyPolicy(`${name}-default-deny`, this.name, commonLabels, childOptions);
        this.sameNamespace = args.appPorts?.length
            ? sameNamespacePolicy(`${name}-same-namespace`, this.name, args.appPorts, commonLabels, childOptions)
            : undefined;
        this.acmeSolver = args.acmeSolverFrom
            ? acmeSolverPolicy(`${name}-acme-solver`, this.name, args.acmeSolverFrom, commonLabels, childOptions)
            : undefined;
        this.registerOutputs({ name: this.name });
    }
}
