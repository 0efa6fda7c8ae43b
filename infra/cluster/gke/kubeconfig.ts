import { stringify } from "yaml";

export interface GkeKubeconfigArgs {
    /** GCP project of the cluster. */
    project: string;
    /** Zone or region of the cluster. */
    location: string;
    /** Cluster name. */
    name: string;
    /** API server address (an IP, as GKE reports it). */
    endpoint: string;
    /** Base64 PEM of the cluster CA (masterAuth.clusterCaCertificate). */
    caCertificate: string;
}

export const authPlugin = "gke-gcloud-auth-plugin";

/**
 * The kubeconfig `gcloud container clusters get-credentials` writes: no credential of its own, a token from
 * the caller's gcloud login through the exec plugin on every request.
 */
export function gkeKubeconfig(args: GkeKubeconfigArgs): string {
    const context = `gke_${args.project}_${args.location}_${args.name}`;
    return stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: context, cluster: { server: `https://${args.endpoint}`, "certificate-authority-data": args.caCertificate } }],
        contexts: [{ name: context, context: { cluster: context, user: context } }],
        "current-context": context,
        users: [{
            name: context,
            user: {
                exec: {
                    apiVersion: "client.authentication.k8s.io/v1beta1",
                    command: authPlugin,
                    installHint: `Install ${authPlugin} for kubectl: gcloud components install ${authPlugin} (https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin)`,
                    provideClusterInfo: true,
                },
            },
        }],
    });
}
