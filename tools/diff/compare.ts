import diff from "microdiff";
import type { RecordedResource } from "../render/recorder";
import { secretMask } from "../render/serialized";

/** One entry of a render's resources.json (what tools/render/write.ts keeps of a RecordedResource). */
export type RenderedResource = Pick<RecordedResource, "type" | "name" | "parent" | "provider" | "protect" | "dependsOn" | "inputs"> &
    Partial<Pick<RecordedResource, "read">>;

export type ChangeKind = "added" | "removed" | "changed";

/** One value that differs; `old` is absent for "added", `new` for "removed". */
export interface ValueChange {
    /** Dot/bracket path: `spec.template.spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`. */
    path: string;
    kind: ChangeKind;
    old?: unknown;
    new?: unknown;
}

export interface ResourceEntry {
    /** `type::name` (with ` (child of <parent>)` when a render registers that pair more than once). */
    key: string;
    resource: RenderedResource;
}

export interface ResourceChange {
    key: string;
    type: string;
    name: string;
    /** parent, provider, protect, read; dependsOn one entry per dependency added or removed. */
    options: ValueChange[];
    inputs: ValueChange[];
    /** Input paths masked as "[secret]" on both sides: whether they changed cannot be seen. */
    hiddenSecrets: string[];
}

export interface TypeCounts {
    added: number;
    changed: number;
    removed: number;
}

export interface StackDiff {
    summary: TypeCounts & {
        unchanged: number;
        /** Per resource type, only types with at least one difference. */
        byType: Record<string, TypeCounts>;
        /** Resources present on both sides holding secrets masked on both sides (changes there are invisible). */
        withHiddenSecrets: number;
    };
    added: ResourceEntry[];
    removed: ResourceEntry[];
    changed: ResourceChange[];
}

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["spec", "containers", 0, "image"]` → `spec.containers[0].image`. */
export function formatPath(path: readonly (string | number)[]): string {
    let out = "";
    for (const segment of path) {
        if (typeof segment === "number") out += `[${segment}]`;
        else if (identifier.test(segment)) out += out === "" ? segment : `.${segment}`;
        else out += `[${JSON.stringify(segment)}]`;
    }
    return out;
}

/** Keys every resource by `type::name`; a pair registered twice (under different parents) gets its parent added. */
function keyed(resources: readonly RenderedResource[]): Map<string, RenderedResource> {
    const counts = new Map<string, number>();
    for (const r of resources) counts.set(`${r.type}::${r.name}`, (counts.get(`${r.type}::${r.name}`) ?? 0) + 1);
    const out = new Map<string, RenderedResource>();
    for (const r of resources) {
        const key = `${r.type}::${r.name}`;
        out.set(counts.get(key)! > 1 ? `${key} (child of ${r.parent ?? "nothing"})` : key, r);
    }
    return out;
}

/** Paths holding "[secret]" on both sides. */
function maskedOnBoth(before: unknown, after: unknown, path: (string | number)[] = []): string[] {
    if (before === secretMask && after === secretMask) return [formatPath(path)];
    if (before === null || after === null || typeof before !== "object" || typeof after !== "object") return [];
    if (Array.isArray(before) !== Array.isArray(after)) return [];
    const keys = Object.keys(after).filter((k) => k in before);
    const index = (k: string) => (Array.isArray(after) ? Number(k) : k);
    return keys.flatMap((k) => maskedOnBoth((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], [...path, index(k)]));
}

function inputChanges(before: RenderedResource, after: RenderedResource): ValueChange[] {
    return diff(before.inputs, after.inputs).map((d): ValueChange => {
        const path = formatPath(d.path);
        if (d.type === "CREATE") return { path, kind: "added", new: d.value };
        if (d.type === "REMOVE") return { path, kind: "removed", old: d.oldValue };
        return { path, kind: "changed", old: d.oldValue, new: d.value };
    });
}

function optionChanges(before: RenderedResource, after: RenderedResource): ValueChange[] {
    const out: ValueChange[] = [];
    const scalars = {
        parent: [before.parent, after.parent],
        provider: [before.provider, after.provider],
        protect: [before.protect, after.protect],
        read: [before.read ?? false, after.read ?? false],
    };
    for (const [path, [old, now]] of Object.entries(scalars)) {
        if (old !== now) out.push({ path, kind: "changed", old, new: now });
    }
    const oldDeps = new Set(before.dependsOn);
    const newDeps = new Set(after.dependsOn);
    for (const dep of before.dependsOn) if (!newDeps.has(dep)) out.push({ path: "dependsOn", kind: "removed", old: dep });
    for (const dep of after.dependsOn) if (!oldDeps.has(dep)) out.push({ path: "dependsOn", kind: "added", new: dep });
    return out;
}

function count(byType: Record<string, TypeCounts>, type: string, field: keyof TypeCounts): void {
    byType[type] ??= { added: 0, changed: 0, removed: 0 };
    byType[type][field] += 1;
}

/** What changes between two renders of a stack, resource by resource (`type::name`). */
export function compareResources(base: readonly RenderedResource[], head: readonly RenderedResource[]): StackDiff {
    const before = keyed(base);
    const after = keyed(head);
    const byType: Record<string, TypeCounts> = {};
    const added: ResourceEntry[] = [];
    const removed: ResourceEntry[] = [];
    const changed: ResourceChange[] = [];
    let unchanged = 0;
    let withHiddenSecrets = 0;
    for (const [key, resource] of after) {
        const old = before.get(key);
        if (!old) {
            added.push({ key, resource });
            count(byType, resource.type, "added");
            continue;
        }
        const hiddenSecrets = maskedOnBoth(old.inputs, resource.inputs);
        if (hiddenSecrets.length > 0) withHiddenSecrets += 1;
        const options = optionChanges(old, resource);
        const inputs = inputChanges(old, resource);
        if (options.length === 0 && inputs.length === 0) {
            unchanged += 1;
            continue;
        }
        changed.push({ key, type: resource.type, name: resource.name, options, inputs, hiddenSecrets });
        count(byType, resource.type, "changed");
    }
    for (const [key, resource] of before) {
        if (after.has(key)) continue;
        removed.push({ key, resource });
        count(byType, resource.type, "removed");
    }
    const sortedByType = Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b)));
    return {
        summary: { added: added.length, changed: changed.length, removed: removed.length, unchanged, byType: sortedByType, withHiddenSecrets },
        added,
        removed,
        changed,
    };
}
