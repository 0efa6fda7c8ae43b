import { containerRule } from "./containers";
import { isLongRunning, type Probe } from "./kubernetes";

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

/** Whether two probes run the same check: the same HTTP path and port, TCP port, gRPC service or command. */
export function sameCheck(a: Probe, b: Probe): boolean {
    const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
    if (a.httpGet && b.httpGet) return (a.httpGet.path ?? "/") === (b.httpGet.path ?? "/") && same(a.httpGet.port, b.httpGet.port);
    if (a.tcpSocket && b.tcpSocket) return same(a.tcpSocket.port, b.tcpSocket.port);
    if (a.grpc && b.grpc) return a.grpc.port === b.grpc.port && (a.grpc.service ?? "") === (b.grpc.service ?? "");
    if (a.exec && b.exec) return same(a.exec.command, b.exec.command);
    return false;
}

// Advisory: charts the platform installs (Traefik probes /ping for both) use one endpoint for both.
export const distinctLivenessProbe = containerRule({
    name: "distinct-liveness-probe",
    description: "A container's liveness probe runs a different check from its readiness probe.",
    enforcementLevel: "advisory",
    checkContainer({ container, init }, pod, resource) {
        if (init || !isLongRunning(resource, pod)) return undefined;
        const { readinessProbe, livenessProbe } = container;
        if (!readinessProbe || !livenessProbe || !sameCheck(readinessProbe, livenessProbe)) return undefined;
        return "runs the same check for liveness and readiness, so whatever makes it unready also restarts it; give liveness its own path or a TCP connect";
    },
});
