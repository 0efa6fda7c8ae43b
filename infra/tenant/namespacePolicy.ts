import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { commonLabels } from "../kube/labels";
import { loadBalancersLabel, tenantStackLabel } from "../kube/tenancy";

/** Annotations a tenant's Ingress may not carry: a Traefik priority outranks other hosts' routers, external-dns's publish any name. */
const forbiddenAnnotations = { exact: ["traefik.ingress.kubernetes.io/router.priority"], prefixes: ["external-dns.alpha.kubernetes.io/"] };

/** The cloud metadata server (instance credentials on EKS, the node's on GKE without workload identity). */
const metadataAddress = "169.254.169.254";

export interface TenantNamespacePolicyArgs {
    /** DNS zone of tenant hosts: a tenant's Ingress hosts must be `<app>-<its namespace>.<domain>`. @default none: no tenant Ingress is admitted */
    domain?: string;
    provider: k8s.Provider;
}

/**
 * CEL: true when every host of the Ingress `object` is one of the request's namespace's own, `<label>-<namespace>.<domain>`
 * (tenantHost). No other tenant's host ends in `-<namespace>.<domain>`: newTenantStackNameProblem keeps tenant stack
 * names from ending like one another. Namespace names are DNS labels, so they go into the pattern as they are.
 */
function ownHosts(domain: string | undefined): string {
    if (domain === undefined) return "false";
    const escapedDomain = domain.replace(/\./g, "\\.");
    const pattern = `'^[a-z0-9]([-a-z0-9]*[a-z0-9])?-' + request.namespace + ${JSON.stringify(`\\.${escapedDomain}$`)}`;
    return [
        "!has(object.spec.defaultBackend)",
        `(!has(object.spec.rules) || object.spec.rules.all(r, has(r.host) && r.host.matches(${pattern})))`,
        `(!has(object.spec.tls) || object.spec.tls.all(t, !has(t.hosts) || t.hosts.all(h, h.matches(${pattern}))))`,
    ].join(" && ");
}

/**
 * The rules of every tenant namespace (those carrying the tenant-stack label), for everyone who writes there:
 * the tenant identities, a developer, or anyone else. No NodePort and no externalIPs (CVE-2020-8554); a
 * LoadBalancer only where the namespace's quota admits one; Ingress hosts only `<app>-<namespace>.<domain>`, and no
 * annotation that outranks another host's routes or publishes a DNS name; egress to an IP block only with the
 * cloud metadata server excepted.
 */
export class TenantNamespacePolicy extends pulumi.ComponentResource {
    constructor(name: string, args: TenantNamespacePolicyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:tenant:NamespacePolicy", name, {}, opts);
        const childOpts = { parent: this, provider: args.provider };
        const is = (resource: string) => `request.resource.resource != '${resource}'`;
        const annotations = [
            ...forbiddenAnnotations.exact.map((a) => `k == ${JSON.stringify(a)}`),
            ...forbiddenAnnotations.prefixes.map((p) => `k.startsWith(${JSON.stringify(p)})`),
        ].join(" || ");
        const metadata = `ip(${JSON.stringify(metadataAddress)})`;
        const policy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(name, {
            metadata: { name, labels: commonLabels },
            spec: {
                failurePolicy: "Fail",
                matchConstraints: {
                    resourceRules: [
                        { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["services"] },
                        { apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["ingresses", "networkpolicies"] },
                    ],
                },
                validations: [
                    {
                        expression: `${is("services")} || !has(object.spec.externalIPs) || size(object.spec.externalIPs) == 0`,
                        message: "a tenant Service may not set externalIPs (it would capture traffic for those addresses: CVE-2020-8554)",
                    },
                    {
                        expression: `${is("services")} || !has(object.spec.type) || object.spec.type != 'NodePort'`,
                        message: "a tenant Service may not be a NodePort: it opens a port on every node of the shared cluster",
                    },
                    {
                        expression: `${is("services")} || !has(object.spec.type) || object.spec.type != 'LoadBalancer' || (has(namespaceObject.metadata.labels) && ${JSON.stringify(loadBalancersLabel)} in namespaceObject.metadata.labels && namespaceObject.metadata.labels[${JSON.stringify(loadBalancersLabel)}] == 'allowed')`,
                        message: "a tenant Service may not be a LoadBalancer here: the namespace's quota admits none (tenants share the ingress controller)",
                    },
                    {
                        expression: `${is("ingresses")} || (${ownHosts(args.domain)})`,
                        messageExpression: args.domain === undefined
                            ? "'no tenant Ingress is admitted: the shared stack sets no webstack:domain'"
                            : `'a tenant Ingress may only serve its own hosts, <app>-' + request.namespace + ${JSON.stringify(`.${args.domain}`)} + ', with a host on every rule'`,
                    },
                    {
                        expression: `${is("ingresses")} || !has(object.metadata.annotations) || !object.metadata.annotations.exists(k, ${annotations})`,
                        message: "a tenant Ingress may not set a Traefik router priority or external-dns annotations",
                    },
                    {
                        expression: `${is("networkpolicies")} || !has(object.spec.egress) || object.spec.egress.all(e, !has(e.to) || e.to.all(p, !has(p.ipBlock) || !cidr(p.ipBlock.cidr).containsIP(${metadata}) || (has(p.ipBlock.except) && p.ipBlock.except.exists(x, cidr(x).containsIP(${metadata})))))`,
                        message: `a tenant NetworkPolicy may open egress to an IP block only with the cloud metadata server (${metadataAddress}) in its except list`,
                    },
                ],
            },
        }, childOpts);
        new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(name, {
            metadata: { name, labels: commonLabels },
            spec: {
                policyName: policy.metadata.name,
                validationActions: ["Deny"],
                matchResources: { namespaceSelector: { matchExpressions: [{ key: tenantStackLabel, operator: "Exists" }] } },
            },
        }, childOpts);
        this.registerOutputs({});
    }
}
