/** A weekday as RFC 5545 spells it. */
export const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

/** When GKE may upgrade and repair the control plane and nodes: a weekly window in UTC. */
export interface MaintenanceWindow {
    /** Weekdays of the window. */
    readonly days: readonly (typeof weekdays)[number][];
    /** Start time, HH:MM UTC. */
    readonly start: string;
    /** Length in hours (GKE needs 48 hours in any 32 days: days × hours at least 12). */
    readonly hours: number;
}

/** Saturdays and Sundays, 03:00 UTC, for six hours. */
export const defaultMaintenanceWindow: MaintenanceWindow = { days: ["SA", "SU"], start: "03:00", hours: 6 };

/** Any past day: GKE takes the time of day and the length from start/end, the days from the recurrence rule. */
const anchorDay = "2025-01-01";

/** The cluster's maintenancePolicy: a weekly recurring window (UTC) in which GKE auto-upgrades and auto-repairs. */
export function maintenancePolicy(window: MaintenanceWindow): { recurringWindow: { startTime: string; endTime: string; recurrence: string } } {
    const start = new Date(`${anchorDay}T${window.start}:00Z`);
    const end = new Date(start.getTime() + window.hours * 3600_000);
    const iso = (d: Date) => d.toISOString().replace(/\.000Z$/, "Z");
    return {
        recurringWindow: {
            startTime: iso(start),
            endTime: iso(end),
            recurrence: `FREQ=WEEKLY;BYDAY=${[...new Set(window.days)].join(",")}`,
        },
    };
}
