import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/types";
import { controllerService, loadBalancerAddress } from "./controllerService";
import { ingressClassName, ingressNamespace } from "./names";
import { platformNamespace } from "./namespace";

/** The pinned ingress-nginx chart (controller v1.14.3). Its pods run under Pod Security `restricted`. */
export const ingressNginxChart = { chart: "ingress-nginx", version: "4.14.3", repo: "https://kubernetes.github.io/ingress-nginx" } as const;

/** Helm release name. It contains the chart name, so the chart calls its controller `<release>-controller`. */
const release = "ingress-nginx";
const controllerName = `${release}-controller`;

/** Labels the chart puts on the controller pods (its selectorLabels plus the component). */
export const controllerPodLabels: Record<string, string> = {
    "app.kubernetes.io/name": ingressNginxChart.chart,
    "app.kubernetes.io/instance": release,
    "app.kubernetes.io/component": "controller",
};

/** Puts the prod replicas on different nodes where there are several, so one drained node never takes both. */
const spreadOverNodes = {
    maxSkew: 1,
    topologyKey: "kubernetes.io/hostname",
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: controllerPodLabels },
};

/** Chart values: our own Service instead of the chart's, the default IngressClass, requests and limits everywhere. */
export function ingressNginxValues(prod: boolean): Record<string, unknown> {
    const jobResources = { requests: { cpu: "10m", memory: "32Mi" }, limits: { cpu: "100m", memory: "64Mi" } };
    return {
        controller: {
            replicaCount: prod ? 2 : 1,
            // The chart renders its PodDisruptionBudget only above one replica, i.e. in prod.
            minAvailable: 1,
            ...(prod ? { topologySpreadConstraints: [spreadOverNodes] } : {}),
            resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "512Mi" } },
            ingressClass: ingressClassName,
            ingressClassResource: { name: ingressClassName, enabled: true, default: true },
            // The LoadBalancer Service is declared below (controllerService). The chart passes --publish-service
            // only along with its own Service, so the controller is pointed at ours explicitly.
            service: { enabled: false },
            extraArgs: { "publish-service": `${ingressNamespace}/${controllerName}` },
            // No Prometheus runs in these clusters.
            metrics: { enabled: false },
            admissionWebhooks: {
                createSecretJob: { resources: jobResources },
                patchWebhookJob: { resources: jobResources },
            },
        },
    };
}

export interface IngressNginxArgs {
    /** The cluster to install into; every resource uses its provider. */
    cluster: Cluster;
    /** Prod: two controller replicas spread over nodes, with a PodDisruptionBudget. Otherwise one replica. */
    prod: boolean;
}

/** ingress-nginx in its own namespace, fronted by a LoadBalancer Service declared here. */
export class IngressNginx extends pulumi.ComponentResource {
    readonly namespace: pulumi.Output<string>;
    readonly chart: k8s.helm.v4.Chart;
    readonly service: k8s.core.v1.Service;
    /** The load balancer's IP or hostname; undefined while it has none (always, where no address comes). */
    readonly address: pulumi.Output<string | undefined>;

    constructor(name: string, args: IngressNginxArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:platform:IngressNginx", name, {}, opts);
        const provider = args.cluster.provider;
        const namespace = platformNamespace(name, ingressNamespace, "restricted", { parent: this, provider });
        this.namespace = namespace.metadata.name;
        this.chart = new k8s.helm.v4.Chart(name, {
            chart: ingressNginxChart.chart,
            version: ingressNginxChart.version,
            repositoryOpts: { repo: ingressNginxChart.repo },
            name: release,
            namespace: this.namespace,
            values: ingressNginxValues(args.prod),
        }, { parent: this, provider });
        this.service = controllerService(`${name}-controller`, {
            name: controllerName,
            namespace: this.namespace,
            selector: controllerPodLabels,
            cluster: args.cluster,
        }, { parent: this, provider });
        this.address = this.service.status.apply(loadBalancerAddress);
        this.registerOutputs({ namespace: this.namespace, address: this.address });
    }
}
