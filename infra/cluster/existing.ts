import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { clusterProvider, type KubeClientLimits } from "../kube/provider";
import { describeContext, minifyKubeconfig, withoutCredentials } from "./kubeconfig";
import type { Cluster } from "./types";

export interface ExistingClusterArgs {
    /** Kubeconfig contents (secret). @default the default kubeconfig ($KUBECONFIG or ~/.kube/config) */
    kubeconfig?: pulumi.Output<string>;
    /** Context to use; default: the kubeconfig's current context. */
    context?: string;
    /** Whether LoadBalancer Services get an external address. Default false (minikube, kind). */
    loadBalancerAddresses: boolean;
    /** StorageClass for PVCs; default: the cluster's default class. */
    storageClass?: string;
    /** Rate limits of the Kubernetes provider's client. @default kubeClientDefaults (infra/kube/provider.ts) */
    kubeClient?: KubeClientLimits;
}

function defaultKubeconfig(): string | undefined {
    const files = process.env.KUBECONFIG ? process.env.KUBECONFIG.split(delimiter) : [join(homedir(), ".kube", "config")];
    const file = files.find((f) => f && existsSync(f));
    return file ? readFileSync(file, "utf8") : undefined;
}

/** Adopts a cluster that already exists (minikube, kind, a shared team cluster). Creates no cloud resource. */
export class ExistingCluster extends pulumi.ComponentResource implements Cluster {
    readonly provider: k8s.Provider;
    readonly kubeconfig: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly endpoint: pulumi.Output<string>;
    readonly storageClass: string | undefined;
    readonly loadBalancerAddresses: boolean;
    readonly cloud = "existing" as const;

    constructor(name: string, args: ExistingClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:cluster:Existing", name, {}, opts);
        // Without an explicit kubeconfig, export only the context in use, never the user's whole file.
        const local = defaultKubeconfig();
        const kubeconfig = args.kubeconfig ?? pulumi.secret(pulumi.output(local ? minifyKubeconfig(local, args.context) : ""));
        const described = kubeconfig.apply((k) => describeContext(k || undefined, args.context));
        // Exported without credentials: whoever reads the stack's outputs (its tenants) learns where the cluster is,
        // not how to act as its deployer; each brings its own.
        this.kubeconfig = pulumi.secret(kubeconfig.apply((k) => (k ? withoutCredentials(k) : k)));
        this.name = pulumi.unsecret(described.apply((d) => d.name));
        this.endpoint = pulumi.unsecret(described.apply((d) => d.endpoint));
        this.storageClass = args.storageClass;
        this.loadBalancerAddresses = args.loadBalancerAddresses;
        // The cluster's name in the kubeconfig: a new token or a moved endpoint leaves the objects alone.
        this.provider = clusterProvider(name, { kubeconfig: args.kubeconfig, context: args.context, clusterIdentifier: this.name, kubeClient: args.kubeClient }, { parent: this });
        this.registerOutputs({ name: this.name, endpoint: this.endpoint });
    }
}
