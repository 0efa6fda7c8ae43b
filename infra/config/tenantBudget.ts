import type { AppConfig } from "./apps";
import type { ConfigIssue } from "./issue";
import { bytes, millicores } from "./quantity";
import type { TenantConfig } from "./tenant";

/**
 * Whether a tenant's ResourceQuota admits its apps. Past the quota the API server refuses the pods (or PVCs),
 * and `pulumi up` waits on a Deployment that never gets them; so a shortfall is a config error that names the
 * quota key and the apps that need more.
 */

/**
 * cert-manager's default HTTP-01 solver pod (its controller's --acme-http01-solver-resource-* defaults): one runs
 * in the namespace per certificate being issued.
 */
export const acmeSolverPod = { requests: { cpu: "10m", memory: "64Mi" }, limits: { cpu: "100m", memory: "64Mi" } };

type Budgeted = Pick<AppConfig, "replicas" | "autoscale" | "resources" | "volume">;

/** Pods an app can hold at once: its most replicas, plus the surge pod of a rolling update. */
export function peakPods(app: Budgeted): number {
    const most = Math.max(app.replicas, app.autoscale?.max ?? 0);
    const recreate = app.volume?.accessMode === "ReadWriteOncePod";
    return most + (recreate ? 0 : 1);
}

interface Need {
    key: keyof TenantConfig["quota"];
    unit: "cpu" | "bytes" | "count";
    /** What one app needs, and how the message explains it (naming the app's keys). */
    per(app: Budgeted, name: string): { amount: number; text: string } | undefined;
    /** What the ACME solver pods need (one per app served through the ingress). */
    solver?: number;
}

const amount = (unit: Need["unit"], q: string) => (unit === "cpu" ? millicores(q) : bytes(q));

function compute(key: Need["key"], side: "requests" | "limits", field: "cpu" | "memory" | "ephemeralStorage"): Need {
    const unit = field === "cpu" ? "cpu" : "bytes";
    const solverField = field === "ephemeralStorage" ? undefined : field;
    return {
        key,
        unit,
        per: (app, name) => {
            const pods = peakPods(app);
            const each = app.resources[side][field];
            return { amount: pods * amount(unit, each), text: `apps.${name}.resources.${side}.${field} ${each} × ${pods} pods` };
        },
        solver: solverField ? amount(unit, acmeSolverPod[side][solverField]) : 0,
    };
}

const needs: Need[] = [
    compute("requestsCpu", "requests", "cpu"),
    compute("limitsCpu", "limits", "cpu"),
    compute("requestsMemory", "requests", "memory"),
    compute("limitsMemory", "limits", "memory"),
    compute("requestsEphemeralStorage", "requests", "ephemeralStorage"),
    compute("limitsEphemeralStorage", "limits", "ephemeralStorage"),
    { key: "pods", unit: "count", per: (app, name) => ({ amount: peakPods(app), text: `apps.${name} ${peakPods(app)} pods` }), solver: 1 },
    { key: "persistentVolumeClaims", unit: "count", per: (app, name) => (app.volume ? { amount: 1, text: `apps.${name}.volume` } : undefined) },
    { key: "storage", unit: "bytes", per: (app, name) => (app.volume ? { amount: bytes(app.volume.size), text: `apps.${name}.volume.size ${app.volume.size}` } : undefined) },
];

function show(unit: Need["unit"], value: number): string {
    if (unit === "cpu") return value % 1000 === 0 ? String(value / 1000) : `${value}m`;
    if (unit === "count") return String(value);
    const mi = value / 2 ** 20;
    return Number.isInteger(mi) ? `${mi}Mi` : `${value}`;
}

/**
 * Every quota the apps of a tenant stack would exceed at their peak (most replicas and a rollout's surge pod,
 * one ACME solver pod per app served through the ingress).
 */
export function tenantBudgetProblems(apps: Record<string, Budgeted>, servedByIngress: string[], quota: TenantConfig["quota"]): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    for (const need of needs) {
        const parts = Object.entries(apps).flatMap(([name, app]) => need.per(app, name) ?? []);
        const solvers = (need.solver ?? 0) * servedByIngress.length;
        if (solvers > 0) parts.push({ amount: solvers, text: `${servedByIngress.length} ACME solver pod${servedByIngress.length === 1 ? "" : "s"}` });
        const total = parts.reduce((sum, p) => sum + p.amount, 0);
        const limit = need.unit === "count" ? Number(quota[need.key]) : amount(need.unit, String(quota[need.key]));
        if (total > limit) {
            out.push({
                path: ["tenant", "quota", need.key],
                input: quota[need.key],
                message: `admits less than the apps need at their peak, ${show(need.unit, total)} (${parts.map((p) => p.text).join(" + ")}); raise it or shrink the apps`,
            });
        }
    }
    return out;
}
