// One pull-request comment per marker, edited in place on every run and always shorter than GitHub's limit on
// comment bodies: a longer body is rejected outright (pulumi/actions#482), so long sections are cut, not the comment.
// Loaded by actions/github-script steps: require("./.github/scripts/pr-comment.cjs").
"use strict";

/** GitHub rejects comment bodies longer than this many characters. */
const COMMENT_LIMIT = 65536;
/** Kept free below the limit for the marker line, and as a safety margin. */
const MARGIN = 512;

const fence = /^\s*(```|~~~)/;

/** Closes what a cut left open: an odd number of code fences, and unclosed <details> blocks. */
function closeOpenBlocks(text) {
    const fences = text.split("\n").filter((line) => fence.test(line)).length;
    const details = (text.match(/<details[\s>]/g) || []).length - (text.match(/<\/details>/g) || []).length;
    return (fences % 2 === 1 ? "\n```" : "") + "\n\n</details>".repeat(Math.max(0, details));
}

/**
 * `text` cut at a line break so that it, the tags closing what the cut left open, and `noteFor(shown, total)` fit in
 * `budget` characters.
 */
function cut(text, budget, noteFor) {
    let keep = budget;
    for (let attempt = 0; attempt < 5 && keep > 0; attempt++) {
        let kept = text.slice(0, keep);
        const lineEnd = kept.lastIndexOf("\n");
        if (lineEnd > 0) kept = kept.slice(0, lineEnd);
        const result = `${kept}${closeOpenBlocks(kept)}\n\n${noteFor(kept.length, text.length)}`;
        if (result.length <= budget) return result;
        keep = kept.length - (result.length - budget);
    }
    return noteFor(0, text.length).slice(0, Math.max(0, budget));
}

/**
 * The comment body: `header`, then each section's body (under `### title` when it has one), then `footer`, in at most `limit`
 * characters. When too long, the longest sections are cut (each to an equal share of what the short ones leave),
 * at a line break, closing open code fences and <details>, and each cut section ends with `truncatedNote(shown, total)`
 * (characters of the section kept, and in full).
 */
function fitComment({ header, sections, footer = "", limit = COMMENT_LIMIT - MARGIN, truncatedNote }) {
    const heading = (section) => (section.title ? `### ${section.title}\n\n` : "");
    const fixed = [header, footer, ...sections.map(heading)].reduce((n, part) => n + part.length + 2, 0);
    let room = Math.max(0, limit - fixed);
    const bodies = new Map();
    const byLength = [...sections].sort((a, b) => a.body.length - b.body.length);
    byLength.forEach((section, index) => {
        const share = Math.floor(room / (byLength.length - index));
        const body = section.body.length <= share ? section.body : cut(section.body, share, truncatedNote);
        bodies.set(section, body);
        room -= body.length;
    });
    const parts = [header, ...sections.map((s) => heading(s) + bodies.get(s)), footer].filter((part) => part !== "");
    return parts.join("\n\n").slice(0, limit);
}

/** True when this run's token may write to the pull request: not for forks (GitHub makes their token read-only). */
function canComment(context) {
    const pr = context.payload.pull_request;
    return Boolean(pr) && pr.head.repo !== null && pr.head.repo.full_name === context.payload.repository.full_name;
}

/**
 * Updates the comment that starts with `<!-- marker -->` on the current pull request (or pull request `number`, for a
 * run not triggered by one), or creates it (unless `create` is false). Only comments by a bot count, so a person
 * quoting the marker is never overwritten. Returns false (with a warning) when the token may not write, so a
 * read-only run still passes.
 */
async function upsertComment({ github, context, core, marker, body, create = true, number }) {
    const tag = `<!-- ${marker} -->`;
    const text = `${tag}\n${body}`;
    const { owner, repo } = context.repo;
    const issue_number = number === undefined ? context.issue.number : Number(number);
    try {
        const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
        const previous = comments.find((c) => c.user && c.user.type === "Bot" && (c.body || "").startsWith(tag));
        if (previous) await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body: text });
        else if (create) await github.rest.issues.createComment({ owner, repo, issue_number, body: text });
        return true;
    } catch (err) {
        if (err.status !== 403) throw err;
        core.warning(`Could not comment on the pull request (${err.message}); the text is in the job summary.`);
        return false;
    }
}

/**
 * Publishes sections twice: whole in the job summary, and fitted under the comment limit in the pull request's
 * `marker` comment (with a link to the summary when cut). On a fork, where the token is read-only, only the summary.
 */
async function publish({ github, context, core, marker, header, sections, footer = "" }) {
    const runUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
    const whole = fitComment({ header, sections, footer, limit: Infinity, truncatedNote: () => "" });
    await core.summary.addRaw(whole, true).write();
    if (!canComment(context)) {
        core.notice("Pull requests from forks get a read-only token: the text is in this run's job summary, not in a comment.");
        return;
    }
    const truncatedNote = (shown, total) =>
        `> **Truncated:** ${shown.toLocaleString("en")} of ${total.toLocaleString("en")} characters shown ` +
        `(GitHub rejects comments over ${COMMENT_LIMIT.toLocaleString("en")}). The whole text is in the [job summary](${runUrl}).`;
    await upsertComment({ github, context, core, marker, body: fitComment({ header, sections, footer, truncatedNote }) });
}

/** How a review stack's app is served over TLS, as its stack output `certificate` says (stacks/workloads.ts). */
function certificateNote(certificate) {
    if (certificate === "wildcard") return "trusted (the shared wildcard)";
    if (certificate === "letsencrypt-staging") return "Let's Encrypt staging: browsers warn";
    return certificate || "—";
}

/**
 * The review stack's comment: its URLs, each with whether browsers trust its certificate (the shared cluster's
 * wildcard) or warn (staging, where the shared stack has no zone for DNS-01), and the image each runs.
 */
function reviewStackBody({ number, head, apps }) {
    const rows = Object.entries(apps || {}).map(([name, app]) =>
        `| ${name} | ${app.url ? `<${app.url}>` : "—"} | ${app.url && app.url.startsWith("https://") ? certificateNote(app.certificate) : "—"} | \`${app.image || "—"}\` |`);
    return [
        `### Review stack \`pr-${number}\``,
        "",
        `Deployed ${head.slice(0, 12)} on the shared dev cluster, each image by digest; closing this pull request removes the stack.`,
        "",
        ...(rows.length > 0 ? ["| App | URL | Certificate | Image |", "|---|---|---|---|", ...rows] : ["The stack exports no apps."]),
    ].join("\n");
}

module.exports = { COMMENT_LIMIT, fitComment, upsertComment, publish, reviewStackBody };
