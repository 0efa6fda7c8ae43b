import { secretMask } from "../render/serialized";
import type { ResourceChange, ResourceEntry, StackDiff, ValueChange } from "./compare";

/** GitHub rejects comments over 65,536 characters (pulumi/actions#482); stay well below. */
export const markdownBudget = 60_000;

export interface MarkdownOptions {
    stack: string;
    /** e.g. "`origin/main` (1a2b3c4)". */
    baseLabel: string;
    /** e.g. "working tree". */
    headLabel: string;
    /** The command that prints the full diff as JSON, quoted in the truncation note. */
    jsonCommand: string;
    /** Shown under the title, e.g. why the base side is empty. */
    notes?: string[];
    /** Default markdownBudget. */
    budget?: number;
    /** Longest value shown in a table cell before it is shortened. Default 160. */
    maxValueLength?: number;
    /** Rows per resource table before the rest is counted instead. Default 100. */
    maxRows?: number;
}

const hidden = `${secretMask} (value hidden)`;

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;");
const code = (text: string) => `<code>${escapeHtml(text)}</code>`;

function shorten(text: string, max: number): string {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function cell(change: ValueChange, side: "old" | "new", max: number): string {
    if (!(side in change)) return "—";
    const value = change[side];
    return value === secretMask ? secretMask : code(shorten(JSON.stringify(value) ?? "undefined", max));
}

function changeTable(change: ResourceChange, maxValue: number, maxRows: number): string {
    const rows = [
        ...change.options.map((c) => `| ${code(c.path)} <i>(option)</i> | ${cell(c, "old", maxValue)} | ${cell(c, "new", maxValue)} |`),
        ...change.inputs.map((c) => `| ${code(c.path)} | ${cell(c, "old", maxValue)} | ${cell(c, "new", maxValue)} |`),
        ...change.hiddenSecrets.map((path) => `| ${code(path)} | ${hidden} | ${hidden} |`),
    ];
    const shown = rows.slice(0, maxRows);
    if (rows.length > maxRows) shown.push(`| … | ${rows.length - maxRows} more rows in the JSON diff | |`);
    const visible = change.options.length + change.inputs.length;
    return [
        `<details><summary>${code(change.key)}: ${visible} change${visible === 1 ? "" : "s"}</summary>`,
        "",
        "| Path | Old | New |",
        "|---|---|---|",
        ...shown,
        "",
        "</details>",
        "",
    ].join("\n");
}

function summary(diff: StackDiff, options: MarkdownOptions): string {
    const { added, changed, removed, unchanged, byType, withHiddenSecrets } = diff.summary;
    const lines = [`## Offline diff of stack \`${options.stack}\`: ${options.baseLabel} → ${options.headLabel}`, ""];
    for (const note of options.notes ?? []) lines.push(`> ${note.split("\n").join("\n> ")}`, "");
    if (added + changed + removed === 0) {
        lines.push(`**No changes** (${unchanged} resources unchanged).`, "");
    } else {
        lines.push(`**${added} to add, ${changed} to change, ${removed} to remove** (${unchanged} unchanged)`, "");
        lines.push("| Type | Add | Change | Remove |", "|---|---:|---:|---:|");
        for (const [type, n] of Object.entries(byType)) lines.push(`| ${code(type)} | ${n.added} | ${n.changed} | ${n.removed} |`);
        lines.push(`| **Total** | **${added}** | **${changed}** | **${removed}** |`, "");
    }
    if (withHiddenSecrets > 0) {
        lines.push(`${withHiddenSecrets} resource${withHiddenSecrets === 1 ? " holds" : "s hold"} secret values masked on both sides: a change to those values cannot be seen here.`, "");
    }
    return lines.join("\n");
}

interface Section {
    heading: string;
    items: string[];
}

const listItem = (entry: ResourceEntry) => `- ${code(entry.key)}\n`;

/**
 * The diff as a pull-request comment: summary first, then removed, added and changed resources until the
 * budget is spent, then a note naming how many resources were left out and how to get everything.
 */
export function renderMarkdown(diff: StackDiff, options: MarkdownOptions): string {
    const budget = options.budget ?? markdownBudget;
    const maxValue = options.maxValueLength ?? 160;
    const maxRows = options.maxRows ?? 100;
    const sections: Section[] = [
        { heading: `### Removed (${diff.removed.length})\n\n`, items: diff.removed.map(listItem) },
        { heading: `### Added (${diff.added.length})\n\n`, items: diff.added.map(listItem) },
        { heading: `### Changed (${diff.changed.length})\n\n`, items: diff.changed.map((c) => changeTable(c, maxValue, maxRows)) },
    ];
    const total = sections.reduce((n, s) => n + s.items.length, 0);
    const note = (left: number) =>
        `\n---\n**Truncated:** ${left} of ${total} resources left out to keep this under ${budget.toLocaleString("en-US")} characters. ` +
        `Full diff: \`${options.jsonCommand}\`\n`;
    const reserve = note(total).length;
    let out = summary(diff, options);
    let shown = 0;
    fill: for (const section of sections) {
        for (const [i, item] of section.items.entries()) {
            const piece = (i === 0 ? `\n${section.heading}` : "") + item;
            if (out.length + piece.length + reserve > budget) break fill;
            out += piece;
            shown += 1;
        }
    }
    return shown < total ? out + note(total - shown) : out;
}
