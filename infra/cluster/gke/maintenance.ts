import type { MaintenanceWindow } from "../../config/access";

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
