import type { EnforcementLevel } from "@pulumi/policy";

/** One resource as a rule sees it: what the engine hands a policy pack, and what the offline render records. */
export interface ResourceInput {
    /** Pulumi type token, e.g. `kubernetes:apps/v1:Deployment`. */
    type: string;
    /** Pulumi resource name. */
    name: string;
    /** Inputs (resource policies) or outputs (stack policies); Kubernetes objects look the same in both. */
    props: Record<string, unknown>;
    /** The `protect` resource option. */
    protect: boolean;
    /** The `ignoreChanges` resource option. */
    ignoreChanges: string[];
    /** Types of the resource's ancestors, nearest parent first; tells chart-rendered objects apart. */
    ancestors: string[];
    /** Identifies the resource in stack-rule violations: its URN in the pack, `type::name` in tests. */
    id: string;
}

/** What a rule knows about the stack being deployed. */
export interface StackFacts {
    /** A production stack (webstack:prod, else the stack named prod), as the program decides it. */
    prod: boolean;
}

/** A violation found by a stack rule, attached to one resource when there is one. */
export interface StackViolation {
    message: string;
    /** `ResourceInput.id` of the offending resource. */
    id?: string;
}

interface RuleBase {
    /** Policy name; unique within the pack. */
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    /** Depends on StackFacts.prod, so the pack offers a `prod` config override. Default false. */
    prodAware?: boolean;
}

/** Checks one resource; returns one message per violation, each naming the resource and the fix. */
export interface ResourceRule extends RuleBase {
    check(resource: ResourceInput, stack: StackFacts): string[];
}

/** Checks the stack as a whole (relations between resources). */
export interface StackRule extends RuleBase {
    checkStack(resources: ResourceInput[], stack: StackFacts): StackViolation[];
}

export type Rule = ResourceRule | StackRule;

export function isStackRule(rule: Rule): rule is StackRule {
    return "checkStack" in rule;
}
