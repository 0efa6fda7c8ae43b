import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { addressAwaitAnnotations } from "../kube/loadBalancer";
import { clusterContextDefaults, type ClusterContext } from "../cluster/types";
import { objectMeta, type AppMeta } from "./labels";

export interface IngressProps {
    host: string;
    /** IngressClass of the platform's controller. */
    ingressClassName: string;
    /**
     * ClusterIssuer that signs the host's own certificate (cert-manager's ingress-shim creates the Certificate), or
     * none: the host is covered by the controller's default certificate (a tenant's, under the shared wildcard), and
     * the Ingress asks for TLS without naming a certificate.
     */
    clusterIssuer?: string;
    /** Annotations the ingress controller reads (the platform's `ingressAnnotations`). Default none. */
    controllerAnnotations?: Record<string, string>;
    /** The Service to route to and its port. */
    serviceName: pulumi.Input<string>;
    servicePort: number;
    /** Whether the cluster publishes addresses; without, the Ingress is not awaited (see addressAwaitAnnotations). */
    cluster: Pick<ClusterContext, "loadBalancerAddresses">;
}

/** The app's Ingress: `https://<host>/` with a certificate in the Secret `<app>-tls`, or the controller's default one. */
export function appIngress(meta: AppMeta, props: IngressProps, opts: pulumi.CustomResourceOptions): k8s.networking.v1.Ingress {
    return new k8s.networking.v1.Ingress(meta.name, {
        metadata: objectMeta(meta, {
            annotations: {
                ...props.controllerAnnotations,
                ...(props.clusterIssuer ? { "cert-manager.io/cluster-issuer": props.clusterIssuer } : {}),
                ...addressAwaitAnnotations(props.cluster.loadBalancerAddresses ?? clusterContextDefaults.loadBalancerAddresses),
            },
        }),
        spec: {
            ingressClassName: props.ingressClassName,
            tls: [props.clusterIssuer ? { hosts: [props.host], secretName: `${meta.name}-tls` } : { hosts: [props.host] }],
            rules: [{
                host: props.host,
                http: {
                    paths: [{
                        path: "/",
                        pathType: "Prefix",
                        backend: { service: { name: props.serviceName, port: { number: props.servicePort } } },
                    }],
                },
            }],
        },
    }, opts);
}
