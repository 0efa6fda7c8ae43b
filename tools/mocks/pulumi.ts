import { namespace } from "../../infra/config/errors";
import { projectDir } from "../../infra/config/project";
import { stackFileConfig } from "../../infra/config/stackFile";
import { hostsTenantStacks, tenantDevelopers, type TenantHosting } from "../../infra/config/tenantHosting";
import { tenantNamespace } from "../../infra/kube/tenancy";
import { caCertificateBase64, fakeGcpProject, publicIp } from "../render/cloudValues";
import type { MockContext, MockTable } from "./types";

/** A kubeconfig of the shape the shared GKE stack exports (gke-gcloud-auth-plugin exec flow). */
function sharedKubeconfig(server: string, stack: string): string {
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: stack, cluster: { server, "certificate-authority-data": caCertificateBase64(stack) } }],
        contexts: [{ name: stack, context: { cluster: stack, user: stack } }],
        "current-context": stack,
        users: [{ name: stack, user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "gke-gcloud-auth-plugin", provideClusterInfo: true } } }],
    });
}

/** The config of a shared stack, as its file in the project declares it (empty for a stack without one). */
function sharedStackConfig(stack: string, context: MockContext): Record<string, unknown> {
    return stackFileConfig(context.projectDir ?? projectDir, stack.split("/").pop() ?? stack) ?? {};
}

/** A developer's entry in a stack file, as far as the mocks read it. */
type RawDeveloper = { stacks?: string[] };

/** The stack file's raw cluster, existing and access sections, in the shape tenantDevelopers and hostsTenantStacks read. */
function tenantHosting(config: Record<string, unknown>): TenantHosting<RawDeveloper> {
    return {
        cluster: config[`${namespace}:cluster`] as TenantHosting<RawDeveloper>["cluster"],
        existing: config[`${namespace}:existing`] as TenantHosting<RawDeveloper>["existing"],
        access: config[`${namespace}:access`] as TenantHosting["access"],
    };
}

/** The tenant namespaces a shared stack provisions, as its file declares them (developers[].stacks). */
function provisionedNamespaces(config: Record<string, unknown>): string[] {
    return [...new Set(tenantDevelopers(tenantHosting(config)).flatMap((d) => d.stacks ?? []))].map(tenantNamespace);
}

/** What the shared dev stack exports, as a StackReference to it would read it. */
function sharedStackOutputs(stack: string, context: MockContext): Record<string, unknown> {
    const endpoint = `https://${publicIp(`${stack}-endpoint`)}`;
    const config = sharedStackConfig(stack, context);
    const domain = config[`${namespace}:domain`];
    return {
        cloud: config[`${namespace}:cloud`] ?? "existing",
        tenantNamespaces: provisionedNamespaces(config),
        // A shared stack that hosts tenants and has a zone for DNS-01 serves them under its wildcard (clusterStack.ts).
        ...(hostsTenantStacks(tenantHosting(config)) && config[`${namespace}:dns`] !== undefined && typeof domain === "string" ? { tenantWildcardDomain: domain } : {}),
        kubeconfig: sharedKubeconfig(endpoint, stack),
        clusterName: `${stack.split("/").pop()}-cluster`,
        endpoint,
        registry: `europe-west1-docker.pkg.dev/${fakeGcpProject}/webstack`,
        reviewRegistry: `europe-west1-docker.pkg.dev/${fakeGcpProject}/webstack-review`,
        ingressAddress: publicIp(`${stack}-ingress`),
    };
}

/** Built-in Pulumi resources. */
export const pulumiMocks: MockTable = {
    resources: {
        "pulumi:pulumi:StackReference": ({ inputs }, context) => ({
            outputs: sharedStackOutputs(String(inputs.name), context),
            secretOutputNames: ["kubeconfig"],
        }),
    },
    calls: {},
};
