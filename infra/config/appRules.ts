import { namespacePolicyNames } from "../webapp/names";
import { certManagerNamespace, ingressNamespace } from "../platform/names";
import { servedByTenantIngress, type AppConfig } from "./apps";
import { isHttpPortName } from "../webapp/ports";
import { issue, type ConfigIssue } from "./issue";
import type { Rule, RuleInput } from "./ruleTypes";
import { tenantBudgetProblems } from "./tenantBudget";
import { isTenantStackName } from "../kube/tenancy";

/**
 * Rules across apps, and within an app where a default meets another key. Each problem names both keys: the API
 * server or a controller would reject the result, or silently mishandle it.
 */

const appsOf = (root: RuleInput["root"]): [string, AppConfig][] => Object.entries(root.apps ?? {});

/** The raw (unparsed) config of one app, to tell a value set by the user from a default. */
function rawApp(raw: Record<string, unknown>, name: string): Record<string, unknown> {
    const apps = raw.apps;
    const app = apps && typeof apps === "object" ? (apps as Record<string, unknown>)[name] : undefined;
    return app && typeof app === "object" ? (app as Record<string, unknown>) : {};
}

/** A non-HTTP port keeps the default HTTP readiness probe: the pod never becomes Ready. */
const httpProbeByDefault: Rule = ({ raw, root }) =>
    appsOf(root)
        .filter(([name, app]) => !isHttpPortName(app.portName) && (rawApp(raw, name).probes as { type?: unknown } | undefined)?.type === undefined)
        .map(([name, app]) => issue(["apps", name, "probes", "type"], undefined,
            `defaults to http, but apps.${name}.portName ${JSON.stringify(app.portName)} is not an HTTP port: set probes.type to tcp or exec`));

/** With an autoscaler the HPA owns the count (starting at autoscale.min): a replicas value would be ignored. */
const replicasWithAutoscale: Rule = ({ raw, root }) =>
    appsOf(root)
        .filter(([name, app]) => app.autoscale !== undefined && rawApp(raw, name).replicas !== undefined && app.replicas !== app.autoscale.min)
        .map(([name, app]) => issue(["apps", name, "replicas"], app.replicas,
            `is ignored: apps.${name}.autoscale owns the replica count and starts at autoscale.min (${app.autoscale!.min}); remove replicas or set it to that`));

/** Egress to an app must name one of this stack's apps, not itself, on a port it serves. */
const egressTargets: Rule = ({ root }) => {
    const apps = new Map(appsOf(root));
    return appsOf(root).flatMap(([name, app]) =>
        app.egress.flatMap((rule, i): ConfigIssue[] => {
            if (rule.kind !== "app") return [];
            const path = ["apps", name, "egress", i, "to"];
            if (rule.to === name) return [issue(path, rule.to, "is the app itself; its own pods always reach each other")];
            const target = apps.get(rule.to);
            if (!target) return [issue(path, rule.to, `names no app of this stack (apps: ${[...apps.keys()].join(", ")})`)];
            const served = new Set([target.port, target.servicePort]);
            return (rule.ports ?? [])
                .map((port, p) => ({ port, p }))
                .filter(({ port }) => !served.has(port))
                .map(({ port, p }) => issue(["apps", name, "egress", i, "ports", p], port,
                    `is not a port apps.${rule.to} serves (apps.${rule.to}.port ${target.port}, servicePort ${target.servicePort})`));
        }),
    );
};

/** Two Ingresses for one host: the controller serves one of them (or rejects the second) without telling Pulumi. */
const duplicateHosts: Rule = ({ root, tenant }) => {
    if (tenant) return []; // tenant hosts are <app>-<stack>.<domain>, one per app name
    const seen = new Map<string, string>();
    const out: ConfigIssue[] = [];
    for (const [name, app] of appsOf(root)) {
        if (app.expose !== "ingress" || !app.host) continue;
        const first = seen.get(app.host);
        if (first) out.push(issue(["apps", name, "host"], app.host, `is apps.${first}.host too; each host can route to one app`));
        else seen.set(app.host, name);
    }
    return out;
};

/** Names the namespace already holds: an app's NetworkPolicy of the same name would overwrite it. */
const reservedAppNames: Rule = ({ root }) => {
    const reserved = Object.values(namespacePolicyNames) as string[];
    return appsOf(root)
        .filter(([name]) => reserved.includes(name))
        .map(([name]) => issue(["apps", name], name, `names its NetworkPolicy ${name}, the namespace's own ${name} policy; rename the app`));
};

/** Namespaces the cluster, the platform or tenant stacks own; default-deny there would break them. */
const systemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease", ingressNamespace, certManagerNamespace];

const reservedNamespaces: Rule = ({ root, tenant }) => {
    if (tenant) return []; // a tenant's apps all run in the tenant's own namespace
    return appsOf(root).flatMap(([name, app]) => {
        const path = ["apps", name, "namespace"];
        if (systemNamespaces.includes(app.namespace)) {
            return [issue(path, app.namespace, `is a namespace the cluster or the platform owns (${systemNamespaces.join(", ")}); use one for the apps`)];
        }
        if (isTenantStackName(app.namespace)) {
            return [issue(path, app.namespace, "is how tenant stacks (dev-<name>, pr-<number>) name their namespaces; one would take it over")];
        }
        return [];
    });
};

/** GKE's and EKS's default StorageClasses (Persistent Disk, EBS) attach to one node: a ReadWriteMany claim stays Pending. */
const manyWritersOnDefaultClass: Rule = ({ root }) => {
    if (root.cloud !== "gcp" && root.cloud !== "aws") return [];
    return appsOf(root)
        .filter(([, app]) => app.volume?.accessMode === "ReadWriteMany" && app.volume.storageClass === undefined)
        .map(([name]) => issue(["apps", name, "volume", "accessMode"], "ReadWriteMany",
            `needs a StorageClass that offers it (Filestore, EFS): apps.${name}.volume.storageClass is unset, and the default class on ${root.cloud} is block storage (ReadWriteOnce)`));
};

/** A tenant's quota must admit its apps at their peak, or the API server refuses pods mid-rollout. */
const tenantBudget: Rule = ({ root, tenant }) => {
    if (!tenant || !root.tenant || !root.apps) return [];
    const served = appsOf(root).filter(([, app]) => servedByTenantIngress(app)).map(([name]) => name);
    return tenantBudgetProblems(root.apps, served, root.tenant.quota);
};

export const appRules: Rule[] = [
    httpProbeByDefault,
    replicasWithAutoscale,
    egressTargets,
    duplicateHosts,
    reservedAppNames,
    reservedNamespaces,
    manyWritersOnDefaultClass,
    tenantBudget,
];
