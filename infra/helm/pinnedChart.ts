import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** A Helm chart pinned to one version of one repository. */
export interface ChartPin {
    chart: string;
    version: string;
    repo: string;
}

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
