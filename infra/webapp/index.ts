import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/types";
import { loadBalancerAddress } from "../kube/loadBalancer";
import type { AppConfig } from "../config/apps";
import type { PlatformInfo } from "../platform";
import { appAutoscaler } from "./autoscaling";
import { checksumAnnotation, contentChecksum } from "./checksum";
import { appConfigMap } from "./configMap";
import { appContainer } from "./container";
import { appDeployment } from "./deployment";
import { appDisruptionBudget } from "./disruptionBudget";
import type { Exposure } from "./exposure";
import { appIngress } from "./ingress";
import { appLabels, type AppLabels, type AppMeta } from "./labels";
import { appNetworkPolicy } from "./networkPolicy";
import { podSpec } from "./podSpec";
import { appSecret } from "./secret";
import { appService } from "./service";
import type { AppTraffic } from "./traffic";
import { podVolumes } from "./volume";
import { volumeClaim } from "./volumeClaim";

export { AppNamespace } from "./namespace";
export { exposure, type Exposure } from "./exposure";
export { imageRef } from "./imageRef";
export { trafficPlan, type AppTraffic, type PlacedApp } from "./traffic";

export interface WebAppArgs {
    /** The app as configured (webstack:apps.<name>), defaults applied. */
    app: AppConfig;
    /** Namespace to run in: an AppNamespace's `name`, so every object waits for the Namespace. */
    namespace: pulumi.Input<string>;
    /** Full image reference (see imageRef). */
    image: pulumi.Input<string>;
    /** The cluster: its provider (every object uses it), default StorageClass and LoadBalancer behaviour. */
    cluster: Pick<Cluster, "provider" | "storageClass" | "loadBalancerAddresses" | "cloud">;
    /** Ingress class, controller namespace, ClusterIssuers, and what an Ingress waits for. */
    platform: PlatformInfo;
    /** How the app is reached. Default: `app.expose` and `app.host` as configured. */
    exposure?: Exposure;
    /** Environment name → secret value (config.secret(key)), one per `app.secretEnv` entry. Default none. */
    secretValues?: Record<string, pulumi.Input<string>>;
    /** Prod: the PVC is protected and retained; Ingress certificates from the prod issuer. Default false. */
    prod?: boolean;
    /** app.kubernetes.io/instance of the app's objects. Default: the app's name. */
    instance?: string;
    /** The app's declared egress, and the apps of other namespaces that call it (trafficPlan). Default none. */
    traffic?: AppTraffic;
}

/**
 * One web workload: Deployment, Service and, as configured, Ingress with TLS, Secret, ConfigMap, PVC, HPA,
 * PodDisruptionBudget and the NetworkPolicy that opens its port. Secure defaults throughout (restricted
 * security contexts, read-only root filesystem, requests and limits).
 */
export class WebApp extends pulumi.ComponentResource {
    readonly labels: AppLabels;
    readonly deployment: k8s.apps.v1.Deployment;
    readonly service: k8s.core.v1.Service;
    readonly networkPolicy: k8s.networking.v1.NetworkPolicy;
    readonly ingress?: k8s.networking.v1.Ingress;
    readonly secret?: k8s.core.v1.Secret;
    readonly configMap?: k8s.core.v1.ConfigMap;
    readonly volumeClaim?: k8s.core.v1.PersistentVolumeClaim;
    readonly autoscaler?: k8s.autoscaling.v2.HorizontalPodAutoscaler;
    readonly disruptionBudget?: k8s.policy.v1.PodDisruptionBudget;
    /** The image the pods run. */
    readonly image: pulumi.Output<string>;
    /** https://<host> (ingress), http://<load balancer address> (loadBalancer), or the cluster-internal URL. */
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: WebAppArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:app:WebApp", name, {}, opts);
        const { app, cluster, platform } = args;
        const expose = args.exposure ?? { mode: app.expose, host: app.host };
        const secretValues = args.secretValues ?? {};
        const missing = Object.keys(app.secretEnv).filter((env) => secretValues[env] === undefined);
        if (missing.length > 0) throw new Error(`WebApp ${name}: no secret value for secretEnv ${missing.join(", ")}`);
        if (expose.mode === "ingress" && !expose.host) throw new Error(`WebApp ${name}: expose ingress needs a host`);

        const childOpts: pulumi.CustomResourceOptions = { parent: this, provider: cluster.provider };
        this.labels = appLabels(name, args.instance ?? name);
        const meta: AppMeta = { name, namespace: args.namespace, labels: this.labels };
        this.image = pulumi.output(args.image);

        const secretEnv = Object.fromEntries(Object.keys(app.secretEnv).map((env) => [env, secretValues[env]]));
        this.secret = Object.keys(secretEnv).length > 0 ? appSecret(meta, secretEnv, childOpts) : undefined;
        this.configMap = app.files ? appConfigMap(meta, app.files.data, childOpts) : undefined;
        this.volumeClaim = app.volume
            ? volumeClaim(meta, { volume: app.volume, defaultStorageClass: cluster.storageClass, prod: args.prod }, childOpts)
            : undefined;

        const volumes = podVolumes(app, { configMap: this.configMap?.metadata.name, claim: this.volumeClaim?.metadata.name });
        const container = appContainer(name, app, { image: this.image, secretName: this.secret?.metadata.name, mounts: volumes.mounts });
        // Replicas at creation; with an HPA, its floor (it owns the count afterwards).
        const replicas = app.autoscale?.min ?? app.replicas;
        const checksummed = { ...(this.secret ? { secret: secretEnv } : {}), ...(app.files ? { configMap: app.files.data } : {}) };
        this.deployment = appDeployment(meta, {
            pod: podSpec({ labels: this.labels, container, volumes: volumes.volumes, volume: app.volume, runAs: app.securityContext }),
            replicas,
            autoscaled: app.autoscale !== undefined,
            podAnnotations: Object.keys(checksummed).length > 0 ? { [checksumAnnotation]: contentChecksum(checksummed) } : undefined,
            recreate: app.volume?.accessMode === "ReadWriteOncePod",
        }, childOpts);

        this.service = appService(meta, {
            port: app.servicePort,
            portName: app.portName,
            targetPort: app.port,
            loadBalancer: expose.mode === "loadBalancer",
            cluster,
        }, childOpts);
        if (expose.mode === "ingress") {
            const issuer = app.tlsIssuer ?? (args.prod ? "prod" : "staging");
            this.ingress = appIngress(meta, {
                host: expose.host!,
                ingressClassName: platform.ingressClassName,
                clusterIssuer: platform.issuers[issuer],
                controllerAnnotations: platform.ingressAnnotations,
                serviceName: this.service.metadata.name,
                servicePort: app.servicePort,
                cluster,
            }, { ...childOpts, dependsOn: platform.ingressDependencies(issuer) });
        }
        this.networkPolicy = appNetworkPolicy(meta, {
            port: app.port,
            exposure: expose,
            ingressNamespace: platform.ingressNamespace,
            callers: args.traffic?.callers,
            egress: args.traffic?.egress,
        }, childOpts);

        this.autoscaler = app.autoscale ? appAutoscaler(meta, app.autoscale, this.deployment.metadata.name, childOpts) : undefined;
        // A PDB protects apps that keep more than one pod, except those tied to one node by a ReadWriteOnce volume:
        // a drained node's replacement pod must go back to that (cordoned) node, stays Pending, and the budget
        // would then block the next eviction for good.
        this.disruptionBudget = replicas > 1 && app.volume?.accessMode !== "ReadWriteOnce" ? appDisruptionBudget(meta, childOpts) : undefined;

        this.url = this.appUrl(expose, args.namespace);
        this.registerOutputs({ url: this.url, image: this.image });
    }

    private appUrl(expose: Exposure, namespace: pulumi.Input<string>): pulumi.Output<string> {
        const internal = pulumi.interpolate`http://${this.service.metadata.name}.${namespace}.svc.cluster.local`;
        switch (expose.mode) {
            case "ingress":
                return pulumi.output(`https://${expose.host}`);
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
