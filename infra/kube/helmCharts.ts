import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** A Helm chart pinned to one version of one repository. */
export interface ChartPin {
    chart: string;
    version: string;
    repo: string;
}

/**
 * The pinned Traefik chart: 41.5.0 serves Traefik Proxy v3.7.13. Every values key set (infra/platform/traefikValues.ts)
 * exists in that chart (its test checks them against infra/platform/schemas/traefik-values.schema.json).
 */
export const traefikChart = { chart: "traefik", version: "41.5.0", repo: "https://traefik.github.io/charts" } as const;

/** The pinned cert-manager chart (release v1.21.2). Its pods run under Pod Security `restricted`. */
export const certManagerChart = { chart: "cert-manager", version: "v1.21.2", repo: "https://charts.jetstack.io" } as const;

/** The pinned external-dns chart (kubernetes-sigs): 1.21.1 runs external-dns v0.21.0. */
export const externalDnsChart = { chart: "external-dns", version: "1.21.1", repo: "https://kubernetes-sigs.github.io/external-dns" } as const;

/**
 * The pinned cluster-autoscaler chart and the autoscaler release it runs. The autoscaler's minor should match the
 * cluster's Kubernetes minor; move both together when the cluster is upgraded.
 */
export const clusterAutoscalerChart = {
    chart: "cluster-autoscaler",
    version: "9.46.6",
    repo: "https://kubernetes.github.io/autoscaler",
    image: "v1.32.0",
} as const;

/** Where and how a pinned chart is installed. */
export interface ChartRelease {
    /** Helm release name. */
    name: string;
    namespace: pulumi.Input<string>;
    values: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
}

/** The arguments of a helm.v4.Chart that installs `pin` as `release`. */
export function pinnedChartArgs(pin: ChartPin, release: ChartRelease): k8s.helm.v4.ChartArgs {
    return { chart: pin.chart, version: pin.version, repositoryOpts: { repo: pin.repo }, ...release };
}
