import type { ManagedClusterProps } from "../props";

/** Where a GKE cluster lives and how many zones its nodes spread over. */
export interface GkeLocation {
    /** A zone (zonal cluster) or the region (regional cluster). */
    location: string;
    /** Zones for the nodes of a regional cluster; undefined means GKE's choice. */
    nodeLocations?: string[];
    /** How many zones each node pool spans (a regional cluster without zones gets GKE's default of three). */
    zoneCount: number;
}

/** A single zone makes a zonal cluster; otherwise the cluster is regional, its nodes in the given zones. */
export function gkeLocation(cluster: Pick<ManagedClusterProps, "region" | "zones">): GkeLocation {
    const zones = cluster.zones;
    if (zones?.length === 1) return { location: zones[0], zoneCount: 1 };
    return { location: cluster.region, nodeLocations: zones, zoneCount: zones?.length ?? 3 };
}
