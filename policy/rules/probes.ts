import { containerRule } from "./containers";
import { isLongRunning } from "./kubernetes";

export const containerProbes = containerRule({
    name: "container-probes",
    description: "Every long-running container (not Jobs, CronJobs or init containers) has readiness and liveness probes.",
    enforcementLevel: "mandatory",
    checkContainer({ container, init }, pod, resource) {
        // Kubernetes rejects probes on init containers (sidecars excepted); a Job's pods have nothing to report ready.
        if (init || !isLongRunning(resource, pod)) return undefined;
        const missing = (["readinessProbe", "livenessProbe"] as const).filter((probe) => container[probe] === undefined);
        return missing.length > 0 ? `has no ${missing.join(" and no ")}; add probes so traffic and restarts follow the app's health` : undefined;
    },
});
