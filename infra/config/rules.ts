import { nodeGroupTaints, withClusterDefaults } from "../cluster/props";
import { newTenantStackNameProblem } from "../kube/tenancy";
import { tenantHost } from "../tenant/host";
import { containerMinimum } from "../tenant/containerMinimum";
import { bytes, millicores } from "./quantity";
import { accessProblems } from "./accessRules";
import { appRules } from "./appRules";
import { pushedToStackRegistry, servedByTenantIngress } from "./apps";
import { developerProblems } from "./developerRules";
import { dnsRule } from "./dnsRules";
import { configKeyName, envName, hostname } from "./formats";
import { closest } from "./suggest";
import { cloudConstraints, prodClusterAccess } from "./cloudRules";
import { issue, type ConfigIssue } from "./issue";
import type { Rule } from "./ruleTypes";
import { knownKeys, rootShape } from "./shape";



interface SecretRef {
    app: string;
    env: string;
    key: string;
}

/**
 * The well-formed entries of every app's secretEnv, read leniently so a broken app (or a broken key elsewhere in
 * the same app) cannot hide a missing or plain secret. Malformed entries are reported by the schema.
 */
function secretRefs(raw: Record<string, unknown>): SecretRef[] {
    const apps = raw.apps;
    if (!apps || typeof apps !== "object") return [];
    return Object.entries(apps as Record<string, unknown>).flatMap(([app, value]) => {
        const secretEnv = (value as { secretEnv?: unknown } | null)?.secretEnv;
        if (!secretEnv || typeof secretEnv !== "object") return [];
        return Object.entries(secretEnv)
            .filter(([env, key]) => envName.safeParse(env).success && configKeyName.safeParse(key).success)
            .map(([env, key]) => ({ app, env, key: key as string }));
    });
}

const referencedSecrets = (raw: Record<string, unknown>) => new Set(secretRefs(raw).map((r) => r.key));

const unknownKeys: Rule = ({ raw }) => {
    const referenced = referencedSecrets(raw);
    return Object.keys(raw)
        .filter((key) => !Object.hasOwn(rootShape, key) && !referenced.has(key))
        .map((key) => {
            const hint = closest(key, [...knownKeys, ...referenced]);
            return issue([key], raw[key], `is not a webstack setting${hint ? ` (did you mean webstack:${hint}?)` : ""}`);
        });
};

const secrets: Rule = ({ raw, root, isSecret }) => {
    const out: ConfigIssue[] = [];
    if (root.kubeconfig !== undefined && !isSecret("kubeconfig")) {
        out.push(issue(["kubeconfig"], "[not shown]", "must be set as a secret (pulumi config set --secret webstack:kubeconfig ...)"));
    }
    // Settings are read as plain values: a `secure:` value inside one would land in state and manifests in clear.
    for (const key of knownKeys) {
        if (key !== "kubeconfig" && raw[key] !== undefined && isSecret(key)) {
            out.push(issue([key], "[secret]", "must not hold a secret: put the secret value in its own key and name that key in an app's secretEnv"));
        }
    }
    for (const { app, env, key } of secretRefs(raw)) {
        if (!Object.hasOwn(raw, key)) {
            out.push(issue(["apps", app, "secretEnv", env], key, `names secret webstack:${key}, which is not set (pulumi config set --secret webstack:${key} ...)`));
        } else if (!isSecret(key)) {
            out.push(issue([key], "[not shown]", `is used as a secret by apps.${app}.secretEnv.${env}; set it with --secret`));
        }
    }
    return out;
};

const clusterSource: Rule = ({ raw, root, tenant }) => {
    if (tenant) {
        return (["cloud", "cluster", "existing", "platform", "dns"] as const)
            .filter((key) => raw[key] !== undefined)
            .map((key) => issue([key], raw[key], "is not used by tenant stacks, which deploy onto the shared cluster; remove it"));
    }
    if (raw.cloud === undefined) {
        return [issue(["cloud"], undefined, "is required: gcp, aws or existing (or name the stack dev-<name> or pr-<number>, or set webstack:sharedCluster, for a tenant stack)")];
    }
    const cloud = root.cloud;
    if (!cloud) return [];
    if (cloud === "existing") {
        const out: ConfigIssue[] = [];
        if (raw.cluster !== undefined) out.push(issue(["cluster"], raw.cluster, "is only used with cloud gcp or aws (cloud is existing)"));
        if (raw.kubeconfig !== undefined && raw.kubeContext !== undefined) {
            out.push(issue(["kubeContext"], raw.kubeContext, "conflicts with webstack:kubeconfig; set one of them"));
        }
        return out;
    }
    const out: ConfigIssue[] = [];
    if (raw.cluster === undefined) out.push(issue(["cluster"], undefined, `is required with cloud ${cloud}`));
    for (const key of ["kubeconfig", "kubeContext", "existing"] as const) {
        if (raw[key] !== undefined) out.push(issue([key], key === "kubeconfig" ? "[secret]" : raw[key], `is only used with cloud existing (cloud is ${cloud})`));
    }
    for (const piece of ["ingressController", "certManager"] as const) {
        if (root.platform && !root.platform[piece]) {
            out.push(issue(["platform", piece], false, `can only be switched off on existing clusters (cloud is ${cloud})`));
        }
    }
    return out;
};

const prodHardening: Rule = ({ root, prod }) => {
    if (!prod || !root.cluster) return [];
    const out: ConfigIssue[] = [];
    if (!root.cluster.privateNodes) out.push(issue(["cluster", "privateNodes"], false, "cannot be turned off on a prod stack"));
    if (root.cluster.nodeGroups.every((g) => g.spot)) {
        out.push(issue(["cluster", "nodeGroups"], "[only spot groups]", "needs at least one on-demand (spot: false) node group on a prod stack"));
    }
    return out;
};

/**
 * Pods that tolerate no taint (the platform, the cluster-autoscaler, apps without spot) need a node group without
 * one: a cluster whose every group carries the spot taint schedules none of them, and `pulumi up` waits on Pending
 * pods until its awaits time out.
 */
const schedulableGroup: Rule = ({ root }) => {
    if (!root.cluster) return [];
    const groups = withClusterDefaults(root.cluster).nodeGroups;
    if (groups.some((g) => (nodeGroupTaints(g) ?? []).every((t) => t.effect === "PreferNoSchedule"))) return [];
    const spotTainted = groups.flatMap((g, i) => (g.spot && g.spotTaint ? [i] : []));
    const fix = spotTainted.length > 0 ? `set spotTaint: false on one of the spot groups (nodeGroups[${spotTainted.join("], [")}]) or add an on-demand group` : "leave one group without a NoSchedule or NoExecute taint";
    return [issue(["cluster", "nodeGroups"], "[every group tainted]", `has no group that pods without tolerations can run on (the ingress controller, cert-manager, the cluster-autoscaler, apps without spot: true): ${fix}`)];
};

/** A long domain or app name can push `<app>-<stack>.<domain>` past what a host name may be. */
function tenantHostProblems(apps: string[], stack: string, domain: string | undefined): ConfigIssue[] {
    // A stack name that cannot name a namespace names no host either; parse reports the name itself.
    if (domain === undefined || newTenantStackNameProblem(stack)) return [];
    const byHost = new Map<string, string>();
    return apps.flatMap((app) => {
        const host = tenantHost(app, stack, domain);
        const result = hostname.safeParse(host);
        if (!result.success) return [issue(["domain"], domain, `gives apps.${app} the tenant host ${host}, which ${result.error.issues[0].message}`)];
        const other = byHost.get(host);
        byHost.set(host, app);
        return other === undefined ? [] : [issue(["apps", app], app, `has the same tenant host as apps.${other} (${host}): rename one of them`)];
    });
}

// Required-key checks look at raw values: a key that is set but malformed is already reported by the schema.
const tls: Rule = ({ raw, root, stack, tenant }) => {
    const apps = Object.entries(root.apps ?? {});
    if (tenant) {
        const served = apps.filter(([, a]) => servedByTenantIngress(a)).map(([name]) => name);
        if (served.length === 0) return [];
        if (raw.domain === undefined) return [issue(["domain"], undefined, "is required on tenant stacks, whose hosts are <app>-<stack>.<domain>")];
        return tenantHostProblems(served, stack, root.domain);
    }
    const served = apps.filter(([, a]) => a.expose === "ingress").map(([name]) => name);
    if (served.length > 0 && root.platform?.certManager && raw.acmeEmail === undefined) {
        return [issue(["acmeEmail"], undefined, `is required for Let's Encrypt certificates (apps served over TLS: ${served.join(", ")})`)];
    }
    return [];
};

/** A tenant's quota must admit the load balancers its apps force; otherwise `pulumi up` stalls on a rejected Service. */
const tenantLoadBalancers: Rule = ({ root, tenant }) => {
    if (!tenant || !root.tenant) return [];
    const forced = Object.entries(root.apps ?? {}).filter(([, a]) => a.expose === "loadBalancer" && a.forceLoadBalancer).map(([name]) => name);
    const allowed = root.tenant.quota.loadBalancers;
    return forced.length > allowed
        ? [issue(["tenant", "quota", "loadBalancers"], allowed, `admits fewer load balancers than the apps force (${forced.join(", ")}); raise it to ${forced.length} or drop forceLoadBalancer`)]
        : [];
};

/**
 * A tenant namespace's LimitRange rejects pods whose containers ask for less than its minimum or more than the
 * quota's totals; the API server would refuse them only when the ReplicaSet creates pods, long after `up` began.
 */
const tenantContainerBounds: Rule = ({ root, tenant }) => {
    if (!tenant || !root.tenant) return [];
    const { quota } = root.tenant;
    const bounds = [
        { key: "cpu", min: containerMinimum.cpu, max: quota.limitsCpu, value: millicores },
        { key: "memory", min: containerMinimum.memory, max: quota.limitsMemory, value: bytes },
        { key: "ephemeralStorage", min: containerMinimum.ephemeralStorage, max: quota.limitsEphemeralStorage, value: bytes },
    ] as const;
    return Object.entries(root.apps ?? {}).flatMap(([name, app]) => bounds.flatMap(({ key, min, max, value }) => [
        ...(value(app.resources.requests[key]) < value(min)
            ? [issue(["apps", name, "resources", "requests", key], app.resources.requests[key], `is below the tenant namespace's per-container minimum ${min}`)]
            : []),
        ...(value(app.resources.limits[key]) > value(max)
            ? [issue(["apps", name, "resources", "limits", key], app.resources.limits[key], `exceeds what the whole tenant namespace may use (webstack:tenant.quota: ${max})`)]
            : []),
    ]));
};

/** An adopted cluster brings no registry, so an image built here needs a repository to be pushed to. */
const builtImageRepository: Rule = ({ root, tenant }) => {
    if (tenant || root.cloud !== "existing") return [];
    return Object.entries(root.apps ?? {})
        .filter(([, app]) => pushedToStackRegistry(app))
        .map(([name, app]) => issue(["apps", name, "image"], undefined, `is required on an adopted cluster (cloud existing), which has no registry for the image built from ${app.build}; set the repository it is pushed to`));
};

export const rules: Rule[] = [unknownKeys, secrets, clusterSource, prodHardening, prodClusterAccess, cloudConstraints, tls, tenantLoadBalancers, tenantContainerBounds, schedulableGroup, builtImageRepository, dnsRule, accessProblems, developerProblems, ...appRules];
