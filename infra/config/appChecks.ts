import type { ConfigIssue } from "./issue";
import { isHttpPortName } from "../webapp/ports";
import type { ProbesConfig } from "./probes";

/**
 * Collisions between the fields of one app that the API server or the kubelet would reject, or silently
 * mishandle. Each names both keys. (Collisions across apps are in rules.ts.)
 */

/** What the checks read of an app (its parsed fields). */
export interface CheckedApp {
    expose: "loadBalancer" | "ingress" | "internal";
    portName: string;
    probes: ProbesConfig;
    env: Record<string, string>;
    secretEnv: Record<string, string>;
    volume?: { mountPath: string };
    files?: { mountPath: string; data: Record<string, string> };
    cachePaths: string[];
}

/** Largest ConfigMap the API server stores (etcd's 1 MiB request limit), less room for metadata. */
export const maxFilesBytes = 1024 * 1024 - 16 * 1024;

const keyName = (key: (string | number)[]) => key.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i === 0 ? "" : "."}${k}`)).join("");

/** Mounts that would hide or break something: two at one path, one inside the read-only files, one over the root. */
export function mountProblems(app: Pick<CheckedApp, "volume" | "files" | "cachePaths">): ConfigIssue[] {
    const mounts: { key: (string | number)[]; path: string }[] = [
        ...(app.volume ? [{ key: ["volume", "mountPath"], path: app.volume.mountPath }] : []),
        ...(app.files ? [{ key: ["files", "mountPath"], path: app.files.mountPath }] : []),
        ...app.cachePaths.map((path, i) => ({ key: ["cachePaths", i], path })),
    ];
    const trim = (path: string) => path.replace(/\/+$/, "");
    const out: ConfigIssue[] = [];
    for (const [i, mount] of mounts.entries()) {
        if (trim(mount.path) === "") out.push({ path: mount.key, input: mount.path, message: "must not be /: a volume there hides the whole image" });
        if (trim(mount.path) === "/tmp") {
            out.push({ path: mount.key, input: mount.path, message: "mounts a second volume at /tmp, where the app's scratch emptyDir is mounted" });
        }
        const twin = mounts.slice(0, i).find((other) => trim(other.path) === trim(mount.path));
        if (twin) out.push({ path: mount.key, input: mount.path, message: `mounts a second volume at ${mount.path}, where ${keyName(twin.key)} is mounted` });
    }
    if (app.files) {
        const base = trim(app.files.mountPath);
        for (const mount of mounts) {
            if (mount.path.startsWith(`${base}/`) && trim(mount.path) !== base) {
                out.push({
                    path: mount.key,
                    input: mount.path,
                    message: `lies inside files.mountPath (${app.files.mountPath}), a read-only ConfigMap volume where the kubelet cannot create the mount point`,
                });
            }
        }
    }
    return out;
}

/** An Ingress routes HTTP: the port must be an HTTP one and the app must answer an HTTP check. */
function exposureProblems(app: Pick<CheckedApp, "expose" | "portName" | "probes">): ConfigIssue[] {
    if (app.expose !== "ingress") return [];
    const out: ConfigIssue[] = [];
    if (!isHttpPortName(app.portName)) {
        out.push({ path: ["expose"], input: app.expose, message: `routes HTTP, but portName ${JSON.stringify(app.portName)} is not an HTTP port (http or http-*)` });
    }
    if (app.probes.type !== "http") {
        out.push({ path: ["expose"], input: app.expose, message: `routes HTTP, but probes.type ${app.probes.type} says the app has no HTTP endpoint to check` });
    }
    return out;
}

/** A variable set both plainly and from the Secret: the pod spec keeps the last one, without a word. */
function environmentProblems(app: Pick<CheckedApp, "env" | "secretEnv">): ConfigIssue[] {
    return Object.keys(app.secretEnv)
        .filter((env) => Object.hasOwn(app.env, env))
        .map((env) => ({ path: ["secretEnv", env], input: app.secretEnv[env], message: `sets ${env}, which env.${env} sets too (Kubernetes keeps one of them silently)` }));
}

/** The ConfigMap holding `files` must fit in one API object. */
function filesSizeProblems(app: Pick<CheckedApp, "files">): ConfigIssue[] {
    if (!app.files) return [];
    const size = Object.entries(app.files.data).reduce((sum, [name, text]) => sum + Buffer.byteLength(name) + Buffer.byteLength(text), 0);
    return size > maxFilesBytes
        ? [{ path: ["files", "data"], input: `[${size} bytes]`, message: `holds ${size} bytes; a ConfigMap holds at most ${maxFilesBytes} (serve larger files from the image or a volume)` }]
        : [];
}

export function appProblems(app: CheckedApp): ConfigIssue[] {
    return [...mountProblems(app), ...exposureProblems(app), ...environmentProblems(app), ...filesSizeProblems(app)];
}
