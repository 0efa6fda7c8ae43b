import { internet, kindOf, nonInternetRanges, type EgressRule } from "./egress";
import { appLabels } from "./labels";
import { namespaceLabel } from "../kube/labels";
import type { Peer } from "./networkPolicy";
import type { AppTraffic } from "./props";

/** Where an app runs, as the traffic plan needs it. */
export interface PlacedApp {
    name: string;
    /** Its namespace's name. */
    namespace: string;
    app: {
        /** Container port. */
        port: number;
        /** Service port. */
        servicePort: number;
        /** Where it may connect besides its namespace's apps and DNS. */
        egress: EgressRule[];
    };
}

/**
 * Turns every app's `egress` into NetworkPolicy rules. An app target is its pods (in its namespace, when that is
 * not the caller's), on its container port: policies see the pod's port after the Service, so a rule naming the
 * target's servicePort opens its container port. A caller in another namespace is also admitted on the target's
 * side; within one namespace the apps already reach each other. `instance` is the app.kubernetes.io/instance
 * label of the stack's apps.
 */
export function trafficPlan(apps: PlacedApp[], instance: string): Map<string, AppTraffic> {
    const plan = new Map<string, AppTraffic>(apps.map((a) => [a.name, { egress: [], callers: [] }]));
    const byName = new Map(apps.map((a) => [a.name, a]));
    const pods = (a: PlacedApp) => ({ matchLabels: appLabels(a.name, instance).selector });
    const inNamespace = (namespace: string) => ({ matchLabels: { [namespaceLabel]: namespace } });

    for (const source of apps) {
        for (const rule of source.app.egress) {
            const ports = (list: number[]) => [...new Set(list)].map((port) => ({ protocol: rule.protocol ?? "TCP", port }));
            if (kindOf(rule.to) === "app") {
                const target = byName.get(rule.to);
                if (!target) throw new Error(`apps.${source.name}.egress: no app ${rule.to}`); // the config rules refuse this first
                const targetPorts = (rule.ports ?? [target.app.port]).map((p) => (p === target.app.servicePort ? target.app.port : p));
                const sameNamespace = target.namespace === source.namespace;
                const peer: Peer = sameNamespace ? { podSelector: pods(target) } : { namespaceSelector: inNamespace(target.namespace), podSelector: pods(target) };
                plan.get(source.name)!.egress.push({ to: [peer], ports: ports(targetPorts) });
                if (!sameNamespace) plan.get(target.name)!.callers.push({ namespaceSelector: inNamespace(source.namespace), podSelector: pods(source) });
            } else {
                const ipBlock = rule.to === internet ? { cidr: "0.0.0.0/0", except: nonInternetRanges } : { cidr: rule.to };
                plan.get(source.name)!.egress.push({ to: [{ ipBlock }], ports: ports(rule.ports ?? []) });
            }
        }
    }
    return plan;
}
