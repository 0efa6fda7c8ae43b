import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/types";
import { loadBalancerAddress } from "../kube/loadBalancer";
import { controllerService } from "./controllerService";
import { entryPoints } from "./entryPoints";
import { gatewayApiCrds } from "./gatewayApi";
import { ingressNamespace } from "./names";
import { platformNamespace } from "./namespace";
import { pinnedChartArgs, traefikChart } from "../kube/helmCharts";
import { controllerPodLabels, traefikRelease, traefikValues } from "./traefikValues";

export interface TraefikArgs {
    /** The cluster to install into; every resource uses its provider. */
    cluster: Cluster;
    /** Prod: two controller replicas spread over nodes, with a PodDisruptionBudget. Otherwise one replica. */
    prod: boolean;
    /** Secret served to Ingresses that name no certificate (traefikValues). @default none */
    defaultCertificateSecret?: string;
}

/**
 * Traefik v3 in its own namespace (Pod Security `restricted`), fronted by a LoadBalancer Service declared here.
 * Traefik has no admission webhook, so private GKE control planes need no firewall rule for it.
 */
export class Traefik extends pulumi.ComponentResource {
    readonly namespace: pulumi.Output<string>;
    /** The namespace object: what waits for the namespace to exist (a Certificate whose Secret goes there). */
    readonly namespaceResource: k8s.core.v1.Namespace;
    readonly chart: k8s.helm.v4.Chart;
    /** The Gateway API CRDs, where the cloud does not own them; the chart (its GatewayClass, its Gateway provider) waits for them. */
    readonly gatewayApiCrds?: k8s.yaml.v2.ConfigFile;
    readonly service: k8s.core.v1.Service;
    /** The load balancer's IP or hostname; undefined while it has none (always, where no address comes). */
    readonly address: pulumi.Output<string | undefined>;

    constructor(name: string, args: TraefikArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:platform:Traefik", name, {}, opts);
        const provider = args.cluster.provider;
        const namespace = platformNamespace(name, ingressNamespace, "restricted", { parent: this, provider });
        this.namespace = namespace.metadata.name;
        this.namespaceResource = namespace;
        const serviceName = traefikRelease;
        this.gatewayApiCrds = args.cluster.gatewayApiCrds === "cloud" ? undefined : gatewayApiCrds(name, { parent: this, provider });
        this.chart = new k8s.helm.v4.Chart(name, pinnedChartArgs(traefikChart, {
            name: traefikRelease,
            namespace: this.namespace,
            values: traefikValues({ prod: args.prod, service: { namespace: ingressNamespace, name: serviceName }, defaultCertificateSecret: args.defaultCertificateSecret }),
        }), { parent: this, provider, dependsOn: this.gatewayApiCrds ? [this.gatewayApiCrds] : [] });
        this.service = controllerService(`${name}-lb`, {
            name: serviceName,
            namespace: this.namespace,
            selector: controllerPodLabels,
            targetPorts: entryPoints,
            cluster: args.cluster,
        }, { parent: this, provider });
        this.address = this.service.status.apply(loadBalancerAddress);
        this.registerOutputs({ namespace: this.namespace, address: this.address });
    }
}
