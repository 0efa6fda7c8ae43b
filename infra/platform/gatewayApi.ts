import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/**
 * The Gateway API CRDs (standard channel) that Traefik's Gateway provider and the chart's GatewayClass need. The
 * Traefik chart stopped shipping them in 41.0.0 (traefik-helm-chart#1850), so they are installed here, pinned to the
 * release the Traefik chart last shipped for Traefik v3.7.
 */
export const gatewayApi = { version: "v1.5.1", channel: "standard" } as const;

/** The release manifest of the pinned version; the Kubernetes provider fetches it at deploy time, like the charts. */
export const gatewayApiCrdsUrl = `https://github.com/kubernetes-sigs/gateway-api/releases/download/${gatewayApi.version}/${gatewayApi.channel}-install.yaml`;

/** The CRDs as one ConfigFile; whatever depends on it waits until every CRD is Established. */
export function gatewayApiCrds(name: string, opts: pulumi.ComponentResourceOptions): k8s.yaml.v2.ConfigFile {
    return new k8s.yaml.v2.ConfigFile(`${name}-gateway-api-crds`, { file: gatewayApiCrdsUrl }, opts);
}
