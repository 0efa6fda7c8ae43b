import type * as pulumi from "@pulumi/pulumi";
import { ingressClassName } from "../names";
import type { ZoneIdentity } from "../dns/identity";

/** external-dns's cloud identity and its provider's flags. */
export interface DnsIdentity extends ZoneIdentity {
    /** external-dns provider name (`google`, `aws`). */
    provider: string;
    /** Provider flags for external-dns. */
    args: string[];
    /** Environment of the external-dns container. */
    env: { name: string; value: string }[];
}

/**
 * Helm release name. It is the chart name, so the chart names its ServiceAccount `external-dns`, the one the
 * cloud identity trusts.
 */
export const externalDnsRelease = "external-dns";

/**
 * What external-dns watches. Ingresses of the `traefik` class today; when the first Gateway is added, add
 * `gateway-httproute` here (the chart then grants the RBAC to read Gateways and HTTPRoutes).
 */
export const externalDnsSources = ["ingress"] as const;

export interface ExternalDnsValuesArgs {
    /** The cloud identity and provider flags. */
    identity: DnsIdentity;
    /** Zone name or ID: external-dns touches no other zone. */
    zone: string;
    /** Records are written under this domain only. */
    domain: string;
    /** TXT ownership id: records of other owners (another cluster in the same zone) are never changed. */
    owner: string;
}

/**
 * Chart values. Policy `sync` deletes the records of Ingresses that are gone (a closed pull request's tenant
 * hosts), and only those this owner created: the TXT registry marks every record with the owner id.
 */
export function externalDnsValues(args: ExternalDnsValuesArgs): Record<string, pulumi.Input<unknown>> {
    const { identity } = args;
    return {
        provider: { name: identity.provider },
        serviceAccount: { annotations: identity.serviceAccountAnnotations },
        sources: [...externalDnsSources],
        policy: "sync",
        registry: "txt",
        txtOwnerId: args.owner,
        domainFilters: [args.domain],
        extraArgs: [`--zone-id-filter=${args.zone}`, `--ingress-class=${ingressClassName}`, ...identity.args],
        ...(identity.env.length > 0 ? { env: identity.env } : {}),
        resources: { requests: { cpu: "10m", memory: "64Mi" }, limits: { cpu: "100m", memory: "128Mi" } },
    };
}
