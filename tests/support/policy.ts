import { existsSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import type { RecordedResource } from "../../tools/render/recorder";
import type { RenderResult } from "../../tools/render/render";
import { isStackRule, rules, type ResourceInput, type Rule, type StackFacts } from "../../policy/rules";
import { isProd } from "../../policy/stack";

const typeOfRef = (ref: string) => ref.slice(0, ref.indexOf("::"));

/** A recorded resource as the pack's rules see it; ancestors come from the recorded parent chain. */
export function policyInput(resource: RecordedResource, all: RecordedResource[]): ResourceInput {
    const byRef = new Map(all.map((r) => [`${r.type}::${r.name}`, r]));
    const ancestors: string[] = [];
    for (let parent = resource.parent; parent; parent = byRef.get(parent)?.parent ?? null) ancestors.push(typeOfRef(parent));
    return {
        type: resource.type,
        name: resource.name,
        props: resource.inputs,
        protect: resource.protect,
        ignoreChanges: resource.ignoreChanges,
        ancestors,
        id: `${resource.type}::${resource.name}`,
    };
}

/** A synthetic resource for rule tests: defaults for everything but type and props. */
export function resource(type: string, props: Record<string, unknown>, options: Partial<ResourceInput> = {}): ResourceInput {
    const name = (props.metadata as { name?: string } | undefined)?.name ?? "test";
    return { type, name, props, protect: false, ignoreChanges: [], ancestors: [], id: `${type}::${name}`, ...options };
}

/** Messages of one rule over a set of resources (resource rules: each resource; stack rules: all at once). */
export function violations(rule: Rule, resources: ResourceInput[], stack: StackFacts): string[] {
    if (isStackRule(rule)) return rule.checkStack(resources, stack).map((v) => v.message);
    return resources.flatMap((r) => rule.check(r, stack));
}

/** prod for a render, decided as the pack decides it: from the stack's config file, else its name. */
export function renderFacts(result: RenderResult): StackFacts {
    const file = existsSync(result.configSource) ? (parse(readFileSync(result.configSource, "utf8")) as { config?: Record<string, unknown> }) : {};
    return { prod: isProd({ stack: result.stack, config: file.config ?? {} }) };
}

export interface Finding {
    rule: string;
    enforcementLevel: string;
    message: string;
}

/** Every rule of the pack over a render, as `pulumi preview --policy-pack policy` would run them. */
export function checkRender(result: RenderResult): Finding[] {
    const stack = renderFacts(result);
    // The engine analyzes registered resources; reads (StackReference, .get) are only looked up.
    const inputs = result.resources.filter((r) => !r.read).map((r) => policyInput(r, result.resources));
    return rules.flatMap((rule) => violations(rule, inputs, stack).map((message) => ({ rule: rule.name, enforcementLevel: rule.enforcementLevel, message })));
}
