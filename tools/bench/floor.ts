// The harness's own floor for the bench: the objects the program created for one app, copied `count` times into a
// fresh namespace and server-side applied straight to the API server (many requests in flight, no client throttle),
// then awaited as the Kubernetes provider awaits them (Deployments available, Services with a ready endpoint). If
// this is fast, what the program takes beyond it is the program's (engine, provider), not the local cluster's.
import { request as httpsRequest, Agent } from "node:https";

export interface KubeTarget {
    /** https://127.0.0.1:<port> */
    server: string;
    /** A bearer token of an identity allowed to create everything (the engine tier's deployer). */
    token: string;
    /** PEM of the API server's CA. */
    ca: string;
}

export interface KubeObject {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string; [key: string]: unknown };
    [key: string]: unknown;
}

const resources: Record<string, string> = {
    Namespace: "namespaces",
    ConfigMap: "configmaps",
    Service: "services",
    Deployment: "deployments",
    NetworkPolicy: "networkpolicies",
    Secret: "secrets",
    PersistentVolumeClaim: "persistentvolumeclaims",
};

function objectPath(o: KubeObject): string {
    const plural = resources[o.kind];
    if (!plural) throw new Error(`floor: no path for kind ${o.kind}`);
    const base = o.apiVersion.includes("/") ? `/apis/${o.apiVersion}` : `/api/${o.apiVersion}`;
    return o.metadata.namespace ? `${base}/namespaces/${o.metadata.namespace}/${plural}/${o.metadata.name}` : `${base}/${plural}/${o.metadata.name}`;
}

/** A minimal API client: one keep-alive agent, JSON in and out, no rate limit of its own. */
export function kubeClient(target: KubeTarget, maxSockets = 32) {
    const agent = new Agent({ keepAlive: true, maxSockets, ca: target.ca });
    const call = (method: string, path: string, body?: string, contentType = "application/json"): Promise<unknown> =>
        new Promise((resolve, reject) => {
            const req = httpsRequest(`${target.server}${path}`, {
                method,
                agent,
                headers: { authorization: `Bearer ${target.token}`, accept: "application/json", ...(body ? { "content-type": contentType } : {}) },
            }, (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () => {
                    const text = Buffer.concat(chunks).toString("utf8");
                    if ((res.statusCode ?? 500) >= 300) reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`));
                    else resolve(text ? JSON.parse(text) : undefined);
                });
            });
            req.on("error", reject);
            req.end(body);
        });
    return {
        /** Server-side apply of one object, as field manager `bench-floor`. */
        apply: (o: KubeObject) => call("PATCH", `${objectPath(o)}?fieldManager=bench-floor&force=true`, JSON.stringify(o), "application/apply-patch+yaml"),
        list: (path: string) => call("GET", path) as Promise<{ items: Record<string, unknown>[] }>,
        close: () => agent.destroy(),
    };
}

/** An object read back from the cluster, made fit to apply elsewhere: no server-set fields, no allocated IPs. */
export function cleaned(o: KubeObject): KubeObject {
    const { status: _status, ...rest } = o;
    const metadata = { ...o.metadata };
    for (const key of ["uid", "resourceVersion", "creationTimestamp", "managedFields", "generation", "selfLink"]) delete metadata[key];
    const annotations = { ...(metadata.annotations as Record<string, string> | undefined) };
    delete annotations["deployment.kubernetes.io/revision"];
    metadata.annotations = annotations;
    const copy = { ...rest, metadata } as KubeObject;
    if (o.kind === "Service") {
        const spec = { ...(o.spec as Record<string, unknown>) };
        for (const key of ["clusterIP", "clusterIPs"]) delete spec[key];
        copy.spec = spec;
    }
    return copy;
}

/**
 * `count` copies of one app's objects (`app`, everything named after it, in namespace `from`), renamed app-<i> in
 * namespace `to`, after the namespace itself and its own objects (`shared`), renamed the same way.
 */
export function copies(objects: { namespace: KubeObject; shared: KubeObject[]; app: KubeObject[] }, names: { from: string; app: string; to: string }, count: number): KubeObject[] {
    const word = (w: string) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "g");
    const rename = (o: KubeObject, app?: string) => {
        let text = JSON.stringify(cleaned(o)).replace(word(names.from), names.to);
        if (app) text = text.replace(word(names.app), app);
        return JSON.parse(text) as KubeObject;
    };
    return [
        rename(objects.namespace),
        ...objects.shared.map((o) => rename(o)),
        ...Array.from({ length: count }, (_, i) => objects.app.map((o) => rename(o, `app-${i}`))).flat(),
    ];
}

/** Runs `work` on every item, at most `limit` at once. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
    let next = 0;
    const worker = async () => {
        while (next < items.length) await work(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Applies `objects` (the namespace first, then the rest, `concurrency` requests at once) and waits until every
 * Deployment in `namespace` is available and every Service there has a ready endpoint. Resolves with the
 * milliseconds the applies took and the total.
 */
export async function applyAndAwait(target: KubeTarget, objects: KubeObject[], namespace: string, concurrency = 32): Promise<{ applyMs: number; totalMs: number }> {
    const client = kubeClient(target, concurrency);
    const start = performance.now();
    try {
        const [first, ...rest] = objects;
        await client.apply(first);
        await pool(rest, concurrency, (o) => client.apply(o));
        const applyMs = performance.now() - start;
        const deployments = rest.filter((o) => o.kind === "Deployment").length;
        const services = new Set(rest.filter((o) => o.kind === "Service").map((o) => o.metadata.name));
        for (let attempt = 0; ; attempt++) {
            const [deploys, endpoints] = await Promise.all([
                client.list(`/apis/apps/v1/namespaces/${namespace}/deployments`),
                client.list(`/api/v1/namespaces/${namespace}/endpoints`),
            ]);
            const available = deploys.items.filter((d) => {
                const spec = d.spec as { replicas?: number };
                const status = d.status as { availableReplicas?: number; updatedReplicas?: number } | undefined;
                return (status?.availableReplicas ?? 0) >= (spec.replicas ?? 1) && (status?.updatedReplicas ?? 0) >= (spec.replicas ?? 1);
            }).length;
            const served = endpoints.items.filter((e) => {
                const name = (e.metadata as { name: string }).name;
                const subsets = (e.subsets ?? []) as { addresses?: unknown[] }[];
                return services.has(name) && subsets.some((s) => (s.addresses ?? []).length > 0);
            }).length;
            if (available === deployments && served === services.size) break;
            if (attempt > 3000) throw new Error(`floor: ${available}/${deployments} Deployments available, ${served}/${services.size} Services served after 10 minutes`);
            await new Promise((r) => setTimeout(r, 200));
        }
        return { applyMs, totalMs: performance.now() - start };
    } finally {
        client.close();
    }
}
