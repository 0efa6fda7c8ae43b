import { traefikChart } from "../kube/helmCharts";
import { entryPoints, redirectPriority } from "./entryPoints";
import { ingressClassName } from "./names";

/** Helm release name. It is the chart name, so the chart names its objects (Deployment, ServiceAccount) `traefik`. */
export const traefikRelease = "traefik";

/**
 * Labels of the controller pods: the chart's selector labels, `app.kubernetes.io/name: traefik` and the instance
 * label, pinned with `instanceLabelOverride` (by default the chart derives it from release and namespace).
 */
export const controllerPodLabels: Record<string, string> = {
    "app.kubernetes.io/name": traefikChart.chart,
    "app.kubernetes.io/instance": traefikRelease,
};

/** Puts the prod replicas on different nodes where there are several, so one drained node never takes both. */
const spreadOverNodes = {
    maxSkew: 1,
    topologyKey: "kubernetes.io/hostname",
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: controllerPodLabels },
};

export interface TraefikValuesArgs {
    /** Prod: two replicas spread over nodes and a PodDisruptionBudget; otherwise one replica and no budget. */
    prod: boolean;
    /** Our own LoadBalancer Service (namespace and name): its address goes into Ingress and Gateway status. */
    service: { namespace: string; name: string };
    /** A TLS Secret in Traefik's namespace served to every Ingress that names no certificate (the tenants' wildcard). @default none: Traefik's own self-signed one */
    defaultCertificateSecret?: string;
}

/**
 * Chart values. Our own typed Service instead of the chart's; the default `traefik` IngressClass; plain HTTP
 * redirected to HTTPS except ACME challenges (see entryPoints.ts); the Gateway API provider and its GatewayClass
 * on, without a Gateway yet; requests and limits; a pod that passes Pod Security `restricted`.
 */
export function traefikValues(args: TraefikValuesArgs): Record<string, unknown> {
    const { prod, service } = args;
    return {
        deployment: { replicas: prod ? 2 : 1 },
        podDisruptionBudget: prod ? { enabled: true, minAvailable: 1 } : { enabled: false },
        ...(prod ? { topologySpreadConstraints: [spreadOverNodes] } : {}),
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "512Mi" } },
        instanceLabelOverride: traefikRelease,
        ingressClass: { enabled: true, isDefaultClass: true, name: ingressClassName },
        // The LoadBalancer Service is declared by us (controllerService.ts); the providers publish its address.
        service: { enabled: false },
        providers: {
            kubernetesIngress: { publishedService: { enabled: true, pathOverride: `${service.namespace}/${service.name}` } },
            // The chart passes statusAddress.service only when its own Service is enabled (_podtemplate.tpl), which
            // ours replaces: the flags go in as arguments instead.
            kubernetesGateway: { enabled: true, statusAddress: { service: { enabled: false } } },
        },
        additionalArguments: [
            `--providers.kubernetesgateway.statusaddress.service.name=${service.name}`,
            `--providers.kubernetesgateway.statusaddress.service.namespace=${service.namespace}`,
        ],
        // The chart's GatewayClass `traefik` is created with the provider; the first Gateway comes with the app that needs it.
        gateway: { enabled: false },
        ports: {
            [entryPoints.http]: {
                http: { redirections: { entryPoint: { to: entryPoints.https, scheme: "https", permanent: true, priority: redirectPriority } } },
            },
        },
        // The chart's defaults plus the seccomp profile Pod Security `restricted` requires.
        podSecurityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, readOnlyRootFilesystem: true },
        global: { checkNewVersion: false, sendAnonymousUsage: false },
        // The chart's TLSStore `default` (the one store Traefik uses); read through its kubernetesCRD provider.
        ...(args.defaultCertificateSecret ? { tlsStore: { default: { defaultCertificate: { secretName: args.defaultCertificateSecret } } } } : {}),
    };
}
