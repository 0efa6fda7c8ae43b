import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { coveredByWildcard } from "../kube/dnsLabel";
import { loadBalancerAddress } from "../kube/loadBalancer";
import { sharedPlatform } from "../platform/shared";
import { appAutoscaler } from "./autoscaling";
import { checksumAnnotation, contentChecksum } from "./checksum";
import { appConfigMap } from "./configMap";
import { appContainer } from "./container";
import { appDeployment } from "./deployment";
import { appDisruptionBudget } from "./disruptionBudget";
import { appIngress } from "./ingress";
import { appLabels, type AppLabels, type AppMeta } from "./labels";
import { appNetworkPolicy } from "./networkPolicy";
import { podSpec } from "./podSpec";
import { withWebAppDefaults, type ResolvedWebApp, type WebAppProps } from "./props";
import { appSecret } from "./secret";
import { appService } from "./service";
import { podVolumes } from "./volume";
import { volumeClaim } from "./volumeClaim";

export { AppNamespace } from "./namespace";
export type { AppTraffic, WebAppProps } from "./props";
export { trafficPlan, type PlacedApp } from "./traffic";

/** The image reference the pods run: `image`, with `:tag` when a tag is given. */
function imageReference(props: Pick<WebAppProps, "image" | "tag">): pulumi.Output<string> {
    const image = pulumi.output(props.image);
    return props.tag === undefined ? image : pulumi.interpolate`${image}:${props.tag}`;
}

/**
 * One web workload: Deployment, Service and, as its props ask, Ingress with TLS, Secret, ConfigMap, PVC, HPA,
 * PodDisruptionBudget and the NetworkPolicy that opens its port. Secure defaults throughout (restricted
 * security contexts, read-only root filesystem, requests and limits). Three lines deploy an image:
 *
 *     new WebApp("hello", { image: "nginxinc/nginx-unprivileged", tag: "1.27.4-alpine", cluster });
 */
export class WebApp extends pulumi.ComponentResource {
    readonly labels: AppLabels;
    readonly deployment: k8s.apps.v1.Deployment;
    readonly service: k8s.core.v1.Service;
    readonly networkPolicy: k8s.networking.v1.NetworkPolicy;
    readonly ingress?: k8s.networking.v1.Ingress;
    /** Where the Ingress's certificate comes from: a ClusterIssuer's name, or `wildcard` (the controller's default one). */
    readonly certificate?: string;
    readonly secret?: k8s.core.v1.Secret;
    readonly configMap?: k8s.core.v1.ConfigMap;
    readonly volumeClaim?: k8s.core.v1.PersistentVolumeClaim;
    readonly autoscaler?: k8s.autoscaling.v2.HorizontalPodAutoscaler;
    readonly disruptionBudget?: k8s.policy.v1.PodDisruptionBudget;
    /** The image the pods run. */
    readonly image: pulumi.Output<string>;
    /** https://<host> (ingress), http://<load balancer address> (loadBalancer), or the cluster-internal URL. */
    readonly url: pulumi.Output<string>;

    constructor(name: string, props: WebAppProps, opts?: pulumi.ComponentResourceOptions) {
        // Checked before anything is registered: a bad prop leaves no half-made component behind.
        const app = withWebAppDefaults(props);
        if (app.expose === "ingress" && !app.host) throw new Error(`WebApp ${name}: expose ingress needs a host`);
        if (app.expose !== "ingress" && app.host) throw new Error(`WebApp ${name}: host ${app.host} is only used with expose ingress (expose is ${app.expose})`);
        super("webstack:app:WebApp", name, {}, opts);
        const { cluster } = app;
        const platform = app.platform ?? sharedPlatform;

        const childOpts: pulumi.CustomResourceOptions = { parent: this, provider: cluster.provider };
        this.labels = appLabels(name, app.instance ?? name);
        const meta: AppMeta = { name, namespace: app.namespace, labels: this.labels };
        this.image = imageReference(app);

        const secretEnv = app.secretEnv;
        this.secret = Object.keys(secretEnv).length > 0 ? appSecret(meta, secretEnv, childOpts) : undefined;
        this.configMap = app.files ? appConfigMap(meta, app.files.data, childOpts) : undefined;
        this.volumeClaim = app.volume
            ? volumeClaim(meta, { volume: app.volume, defaultStorageClass: cluster.storageClass, prod: app.prod }, childOpts)
            : undefined;

        const volumes = podVolumes(app, { configMap: this.configMap?.metadata.name, claim: this.volumeClaim?.metadata.name });
        const container = appContainer(name, app, { image: this.image, secretName: this.secret?.metadata.name, mounts: volumes.mounts });
        // Replicas at creation; with an HPA, its floor (it owns the count afterwards).
        const replicas = app.autoscale?.min ?? app.replicas;
        const checksummed = { ...(this.secret ? { secret: secretEnv } : {}), ...(app.files ? { configMap: app.files.data } : {}) };
        this.deployment = appDeployment(meta, {
            pod: podSpec({ labels: this.labels, container, volumes: volumes.volumes, volume: app.volume, runAs: app.securityContext, spot: app.spot }),
            replicas,
            autoscaled: app.autoscale !== undefined,
            podAnnotations: Object.keys(checksummed).length > 0 ? { [checksumAnnotation]: contentChecksum(checksummed) } : undefined,
            recreate: app.volume?.accessMode === "ReadWriteOncePod",
        }, childOpts);

        this.service = appService(meta, {
            port: app.servicePort,
            portName: app.portName,
            targetPort: app.port,
            loadBalancer: app.expose === "loadBalancer",
            cluster,
        }, childOpts);
        if (app.expose === "ingress") {
            const shared = platform.defaultCertificateDomain !== undefined && coveredByWildcard(app.host!, platform.defaultCertificateDomain);
            this.certificate = shared ? "wildcard" : platform.issuers[app.tlsIssuer];
            this.ingress = appIngress(meta, {
                host: app.host!,
                ingressClassName: platform.ingressClassName,
                clusterIssuer: shared ? undefined : platform.issuers[app.tlsIssuer],
                controllerAnnotations: platform.ingressAnnotations,
                serviceName: this.service.metadata.name,
                servicePort: app.servicePort,
                cluster,
            }, { ...childOpts, dependsOn: platform.ingressDependencies(app.tlsIssuer) });
        }
        this.networkPolicy = appNetworkPolicy(meta, {
            port: app.port,
            expose: app.expose,
            ingressNamespace: platform.ingressNamespace,
            callers: app.traffic?.callers,
            egress: app.traffic?.egress,
        }, childOpts);

        this.autoscaler = app.autoscale ? appAutoscaler(meta, app.autoscale, this.deployment.metadata.name, childOpts) : undefined;
        // A PDB protects apps that keep more than one pod, except those tied to one node by a ReadWriteOnce volume:
        // a drained node's replacement pod must go back to that (cordoned) node, stays Pending, and the budget
        // would then block the next eviction for good.
        this.disruptionBudget = replicas > 1 && app.volume?.accessMode !== "ReadWriteOnce" ? appDisruptionBudget(meta, childOpts) : undefined;

        this.url = this.appUrl(app);
        this.registerOutputs({ url: this.url, image: this.image });
    }

    private appUrl(app: ResolvedWebApp): pulumi.Output<string> {
        const internal = pulumi.interpolate`http://${this.service.metadata.name}.${app.namespace}.svc.cluster.local`;
        switch (app.expose) {
            case "ingress":
                return pulumi.output(`https://${app.host}`);
            case "loadBalancer":
                // Clusters without load-balancer addresses (skipAwait) report none: fall back to the in-cluster URL.
                return pulumi.all([this.service.status, internal]).apply(([status, fallback]) => {
                    const host = loadBalancerAddress(status);
                    return host ? `http://${host}` : fallback;
                });
            case "internal":
                return internal;
        }
    }
}
