import { describe, namespaceOf, objectOf } from "./kubernetes";
import type { ResourceRule } from "./types";

/** The annotation (and value) through which a Service asks for a public load balancer; WebApp sets it. */
export const exposeAnnotation = { key: "webstack.dev/expose", value: "loadBalancer" } as const;

/** The ingress controller's own LoadBalancer Service (namespace/name), the cluster's front door. */
export const ingressControllerServices = ["traefik/traefik"];

export const loadBalancerOptIn: ResourceRule = {
    name: "load-balancer-opt-in",
    description: `Services are type LoadBalancer only when they ask for it (annotation ${exposeAnnotation.key}: ${exposeAnnotation.value}) or are the ingress controller's.`,
    enforcementLevel: "mandatory",
    check(resource) {
        if (resource.type !== "kubernetes:core/v1:Service") return [];
        const object = objectOf(resource);
        if ((object.spec as { type?: string } | undefined)?.type !== "LoadBalancer") return [];
        if (object.metadata?.annotations?.[exposeAnnotation.key] === exposeAnnotation.value) return [];
        if (ingressControllerServices.includes(`${namespaceOf(resource)}/${object.metadata?.name ?? resource.name}`)) return [];
        return [
            `${describe(resource)} is type LoadBalancer without asking for one (each costs a public load balancer): ` +
            `serve it through the Ingress with type ClusterIP, or set expose: loadBalancer on the app (annotation ${exposeAnnotation.key}: ${exposeAnnotation.value})`,
        ];
    },
};
