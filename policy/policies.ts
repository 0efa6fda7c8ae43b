import type { Policies, PolicyConfigSchema, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isStackRule, rules, type ResourceInput, type Rule, type StackFacts } from "./rules";
import { ancestorsOfUrn, isProd, programConfig, stackOfUrn } from "./stack";

/** Offered by the rules that depend on prod: `{"prod-protected": {"prod": true}}` in --policy-pack-config. */
const prodOverride: PolicyConfigSchema = {
    properties: {
        prod: { type: "boolean", description: "Check as a prod (true) or non-prod (false) stack. Default: webstack:prod, else whether the stack is named prod." },
    },
};

interface PolicyConfig {
    prod?: boolean;
}

function stackFacts(urn: string | undefined, config: PolicyConfig): StackFacts {
    const stack = (urn ? stackOfUrn(urn) : undefined) ?? process.env.PULUMI_NODEJS_STACK ?? process.env.PULUMI_STACK;
    return { prod: isProd({ stack, config: programConfig(), override: config.prod }) };
}

/** What ResourceValidationArgs and PolicyResource have in common. */
interface EngineResource {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
    opts: { protect: boolean; ignoreChanges: string[] };
}

const input = (r: EngineResource): ResourceInput => ({
    type: r.type,
    name: r.name,
    props: r.props,
    protect: r.opts.protect,
    ignoreChanges: r.opts.ignoreChanges ?? [],
    ancestors: ancestorsOfUrn(r.urn),
    id: r.urn,
});

/** A rule as a CrossGuard policy: resource rules validate each resource, stack rules the whole stack. */
export function toPolicy(rule: Rule): ResourceValidationPolicy | StackValidationPolicy {
    const { name, description, enforcementLevel } = rule;
    const base = { name, description, enforcementLevel, ...(rule.prodAware ? { configSchema: prodOverride } : {}) };
    if (isStackRule(rule)) {
        return {
            ...base,
            validateStack: (args, reportViolation) => {
                const resources = args.resources.map(input);
                const stack = stackFacts(resources[0]?.id, args.getConfig<PolicyConfig>());
                for (const violation of rule.checkStack(resources, stack)) reportViolation(violation.message, violation.id);
            },
        };
    }
    return {
        ...base,
        validateResource: (args, reportViolation) => {
            for (const message of rule.check(input(args), stackFacts(args.urn, args.getConfig<PolicyConfig>()))) reportViolation(message);
        },
    };
}

/** The pack's policies; index.ts serves them. Importing this module starts nothing, so tests can. */
export const policies: Policies = rules.map(toPolicy);
