import { z } from "zod";
import { probeTypes, webAppDefaults, type ProbeType } from "../webapp/props";

const httpPath = z.string().regex(/^\/\S*$/, "must be an HTTP path starting with '/'");


const keysOf: Record<ProbeType, readonly string[]> = { http: ["path", "livenessPath"], tcp: [], exec: ["command"] };

/**
 * Readiness answers "send me traffic?", liveness "restart me?". They must differ: a liveness probe that fails
 * with readiness (a slow dependency, a drain) restarts pods a restart cannot fix. Liveness is a TCP connect to
 * the port unless `livenessPath` gives an HTTP path of its own.
 */
export const probesSchema = z
    .strictObject({
        type: z.enum(probeTypes).optional().describe("http: GET path; tcp: connect to the port; exec: run command (exit 0 = ready). Default: http (a non-HTTP portName must set it). tcp makes readiness the same check as liveness: prefer an exec check the app answers (redis: PING)."),
        path: httpPath.optional().describe("http: path of the readiness probe. Default: /."),
        livenessPath: httpPath.optional().describe("http: path of the liveness probe; must differ from path. Default: a TCP connect to the port (liveness never fails for what a restart cannot fix)."),
        command: z.array(z.string().min(1, "must not be empty")).min(1, "must name a command").optional().describe("exec: the readiness command, e.g. [redis-cli, ping]. Required with exec."),
    })
    .superRefine((p, ctx) => {
        const type = p.type ?? webAppDefaults.probes.type;
        for (const key of ["path", "livenessPath", "command"] as const) {
            if (p[key] !== undefined && !keysOf[type].includes(key)) {
                ctx.addIssue({ code: "custom", path: [key], input: p[key], message: `is not used by probes.type ${type}` });
            }
        }
        if (type === "exec" && p.command === undefined) {
            ctx.addIssue({ code: "custom", path: ["command"], input: undefined, message: "is required with probes.type exec" });
        }
        if (type === "http" && p.livenessPath !== undefined && p.livenessPath === (p.path ?? webAppDefaults.probes.path)) {
            ctx.addIssue({ code: "custom", path: ["livenessPath"], input: p.livenessPath, message: "must differ from probes.path (the readiness probe)" });
        }
    })
    .transform((p) => {
        const type = p.type ?? webAppDefaults.probes.type;
        return {
            type,
            ...(type === "http" ? { path: p.path ?? webAppDefaults.probes.path } : {}),
            ...(p.livenessPath !== undefined ? { livenessPath: p.livenessPath } : {}),
            ...(p.command !== undefined ? { command: p.command } : {}),
        } as { type: ProbeType; path?: string; livenessPath?: string; command?: string[] };
    });

export type ProbesConfig = z.infer<typeof probesSchema>;
