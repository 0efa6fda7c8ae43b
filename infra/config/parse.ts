import type { z } from "zod";
import { ConfigError, describeIssues, keyPath, namespace, showValue } from "./errors";
import { withSharedStackDefaults } from "./inherit";
import type { ConfigIssue } from "./issue";
import { rules } from "./rules";
import { rootShape, type RootConfig } from "./shape";
import { isTenantStackName, newTenantStackNameProblem } from "../kube/tenancy";

export interface StackContext {
    /** Pulumi stack name. */
    stack: string;
    /** Directory of Pulumi.yaml; tenant stacks read their defaults from the shared stack's file there. */
    projectDir?: string;
    /** Whether a full config key such as `webstack:kubeconfig` holds a secret. */
    isSecret(fullKey: string): boolean;
}

/** The validated, typed configuration of one stack. Secret values stay out of it: read them with requireSecret. */
export interface ParsedConfig extends RootConfig {
    stack: string;
    /** Production stack: protects stateful resources, uses the prod issuer, forbids weakening security defaults. */
    prod: boolean;
    /** A per-developer or per-PR stack on the shared dev cluster. */
    tenantStack: boolean;
}

/** Config values arrive as strings; objects and arrays are JSON (as the engine passes structured config). */
function decode(value: string): unknown {
    const trimmed = value.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        try {
            return JSON.parse(trimmed);
        } catch {
            return value;
        }
    }
    return value;
}

/** The `webstack:` keys of a flat Pulumi config map, decoded. */
export function namespaceValues(all: Record<string, string>): Record<string, unknown> {
    const prefix = `${namespace}:`;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(all)) {
        if (key.startsWith(prefix)) out[key.slice(prefix.length)] = decode(value);
    }
    return out;
}

function parseSections(raw: Record<string, unknown>): { root: Partial<RootConfig>; issues: z.core.$ZodIssue[] } {
    const root: Record<string, unknown> = {};
    const issues: z.core.$ZodIssue[] = [];
    for (const [key, schema] of Object.entries(rootShape)) {
        const result = (schema as z.ZodType).safeParse(raw[key], { reportInput: true });
        if (result.success) {
            if (result.data !== undefined) root[key] = result.data;
        } else {
            issues.push(...result.error.issues.map((i) => ({ ...i, path: [key, ...i.path] })));
        }
    }
    return { root: root as Partial<RootConfig>, issues };
}

function providerProblems(all: Record<string, string>, root: Partial<RootConfig>): ConfigIssue[] {
    const awsRegion = all["aws:region"];
    if (root.cloud === "aws" && root.cluster && awsRegion && awsRegion !== root.cluster.region) {
        return [{ path: ["cluster", "region"], input: root.cluster.region, message: `must match aws:region (${awsRegion})` }];
    }
    return [];
}

/**
 * Validates the whole config of a stack at once. Throws a ConfigError listing every problem, each naming
 * the full key path and the offending value (never a secret's value).
 */
export function parseStackConfig(own: Record<string, string>, context: StackContext): ParsedConfig {
    const tenant = isTenantStackName(context.stack) || own[`${namespace}:sharedCluster`] !== undefined;
    const all = tenant && context.projectDir ? withSharedStackDefaults(own, context.projectDir) : own;
    const raw = namespaceValues(all);
    const isSecret = (key: string) => context.isSecret(`${namespace}:${key}`);
    const { root, issues } = parseSections(raw);
    const prod = root.prod ?? context.stack === "prod";
    const ruleIssues = [
        ...rules.flatMap((rule) => rule({ raw, root, stack: context.stack, prod, tenant, isSecret })),
        ...providerProblems(all, root),
    ];
    const nameProblem = tenant ? newTenantStackNameProblem(context.stack) : undefined;
    const ownLimits = tenant && own[`${namespace}:tenant`] !== undefined;
    const problems = [
        ...(nameProblem ? [`stack name ${context.stack}: ${nameProblem}`] : []),
        ...(ownLimits ? [`${keyPath(["tenant"])}: is set by the shared stack, whose limits the namespace of a tenant stack gets from trusted code; remove it here (got [not shown])`] : []),
        ...describeIssues(issues, raw, isSecret),
        ...ruleIssues.map((i) => `${keyPath(i.path)}: ${i.message} (got ${typeof i.path[0] === "string" && isSecret(i.path[0]) ? "[secret]" : showValue(i.input)})`),
    ];
    if (problems.length > 0) throw new ConfigError(problems);
    return { ...(root as RootConfig), stack: context.stack, prod, tenantStack: tenant };
}
