import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, it } from "node:test";
import { projectDir } from "../../infra/config/project";

/** The workflows' PR-comment helper (.github/scripts/pr-comment.cjs), loaded as actions/github-script loads it. */
interface Section {
    title?: string;
    body: string;
}
interface Comments {
    COMMENT_LIMIT: number;
    fitComment(args: { header: string; sections: Section[]; footer?: string; limit?: number; truncatedNote: (shown: number, total: number) => string }): string;
    upsertComment(args: { github: unknown; context: unknown; core: unknown; marker: string; body: string; create?: boolean }): Promise<boolean>;
    reviewStackBody(args: { number: string; head: string; apps: Record<string, { url?: string; image?: string; certificate?: string }> }): string;
}
const comments = createRequire(__filename)(join(projectDir, ".github", "scripts", "pr-comment.cjs")) as Comments;
const note = (shown: number, total: number) => `> Truncated: ${shown} of ${total}`;

/** Markdown of `size` characters in lines, some inside <details> blocks and code fences. */
function markdown(label: string, size: number): string {
    const lines: string[] = [];
    for (let i = 0, length = 0; length < size; i++) {
        const block = i % 3 === 0 ? `<details><summary>${label} ${i}</summary>\n\n\`\`\`\n${label} value ${i}\n\`\`\`\n\n</details>` : `- ${label} line ${i}`;
        lines.push(block);
        length += block.length + 1;
    }
    return lines.join("\n").slice(0, size);
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe("fitComment", () => {
    it("keeps short sections whole, in order, under their titles", () => {
        const body = comments.fitComment({ header: "# Head", sections: [{ title: "dev", body: "a" }, { body: "## own title\nb" }], footer: "foot", truncatedNote: note });
        assert.equal(body, "# Head\n\n### dev\n\na\n\n## own title\nb\n\nfoot");
    });

    it("fits two diffs of 60,000 characters under GitHub's 65,536 by cutting both equally, with a note each", () => {
        const sections = [{ body: markdown("dev", 60_000) }, { body: markdown("prod", 60_000) }];
        const body = comments.fitComment({ header: "header", sections, truncatedNote: note });
        assert.ok(body.length <= comments.COMMENT_LIMIT - 500, `length ${body.length}`);
        assert.equal(count(body, /> Truncated: \d+ of 60000/g), 2);
        const [dev, prod] = [body.indexOf("dev line"), body.indexOf("prod line")];
        assert.ok(dev >= 0 && prod > dev, "both sections are present, in order");
        const devShown = Number(/> Truncated: (\d+) of 60000/.exec(body)?.[1]);
        assert.ok(devShown > 25_000, `each keeps about half the room (dev shows ${devShown})`);
    });

    it("gives a short section its whole text and the long one the rest", () => {
        const short = markdown("short", 2_000);
        const body = comments.fitComment({ header: "", sections: [{ body: markdown("long", 200_000) }, { body: short }], truncatedNote: note });
        assert.ok(body.includes(short));
        assert.ok(body.length <= comments.COMMENT_LIMIT - 500 && body.length > 60_000, `length ${body.length}`);
        assert.equal(count(body, /> Truncated/g), 1);
    });

    it("closes the code fence and <details> blocks a cut leaves open", () => {
        const open = "<details><summary>x</summary>\n\n```\n" + "line\n".repeat(500);
        const body = comments.fitComment({ header: "", sections: [{ body: open }], limit: 1_000, truncatedNote: note });
        assert.ok(body.length <= 1_000);
        assert.equal(count(body, /^```/gm) % 2, 0, "fences balanced");
        assert.equal(count(body, /<details>/g), count(body, /<\/details>/g), "details balanced");
        assert.ok(body.trimEnd().endsWith(`> Truncated: ${body.indexOf("\n```\n\n</details>")} of ${open.length}`));
    });
});

describe("upsertComment", () => {
    const context = { repo: { owner: "acme", repo: "webstack" }, issue: { number: 7 } };
    function fakeGithub(existing: { id: number; user: { type: string }; body: string }[]) {
        const calls: { method: string; args: Record<string, unknown> }[] = [];
        const record = (method: string) => async (args: Record<string, unknown>) => void calls.push({ method, args });
        const rest = { issues: { listComments: {}, updateComment: record("update"), createComment: record("create") } };
        return { calls, github: { rest, paginate: async () => existing } };
    }
    const core = { warning: () => undefined };

    it("edits the bot's comment that starts with the marker, never a person's quoting it", async () => {
        const { calls, github } = fakeGithub([
            { id: 1, user: { type: "User" }, body: "<!-- webstack-preview -->\nquoted" },
            { id: 2, user: { type: "Bot" }, body: "<!-- webstack-preview -->\nold" },
        ]);
        assert.equal(await comments.upsertComment({ github, context, core, marker: "webstack-preview", body: "new" }), true);
        assert.deepEqual(calls, [{ method: "update", args: { owner: "acme", repo: "webstack", comment_id: 2, body: "<!-- webstack-preview -->\nnew" } }]);
    });

    it("creates the comment when there is none yet", async () => {
        const { calls, github } = fakeGithub([{ id: 3, user: { type: "Bot" }, body: "<!-- other -->\nx" }]);
        await comments.upsertComment({ github, context, core, marker: "webstack-preview", body: "new" });
        assert.deepEqual(calls, [{ method: "create", args: { owner: "acme", repo: "webstack", issue_number: 7, body: "<!-- webstack-preview -->\nnew" } }]);
    });

    it("with create: false, only ever edits (a destroyed stack's note needs no new comment)", async () => {
        const { calls, github } = fakeGithub([]);
        await comments.upsertComment({ github, context, core, marker: "webstack-review-stack", body: "gone", create: false });
        assert.deepEqual(calls, []);
    });

    it("warns instead of failing when the token may not write (403)", async () => {
        const warnings: string[] = [];
        const github = {
            rest: { issues: { listComments: {} } },
            paginate: async () => {
                throw Object.assign(new Error("Resource not accessible by integration"), { status: 403 });
            },
        };
        const ok = await comments.upsertComment({ github, context, core: { warning: (m: string) => warnings.push(m) }, marker: "m", body: "b" });
        assert.equal(ok, false);
        assert.match(warnings[0] ?? "", /Resource not accessible/);
    });
});

describe("the review stack's comment", () => {
    const head = "0123456789abcdef0123456789abcdef01234567";
    const image = "europe-west1-docker.pkg.dev/acme/webstack-review/web-server:0123456789ab@sha256:" + "d".repeat(64);

    it("lists each app's URL and says whether browsers trust its certificate (the shared wildcard) or warn (staging)", () => {
        const body = comments.reviewStackBody({
            number: "7",
            head,
            apps: {
                "web-server": { url: "https://web-server-pr-7.dev.example.com", image, certificate: "wildcard" },
                nginx: { url: "https://nginx-pr-7.dev.example.com", image: "nginxinc/nginx-unprivileged:1.27.4-alpine", certificate: "letsencrypt-staging" },
                redis: { url: "http://redis.pr-7.svc.cluster.local", image: "redis:7" },
            },
        });
        assert.match(body, /^### Review stack `pr-7`/);
        assert.match(body, /Deployed 0123456789ab on the shared dev cluster/);
        assert.ok(body.includes("| web-server | <https://web-server-pr-7.dev.example.com> | trusted (the shared wildcard) |"), body);
        assert.ok(body.includes("| nginx | <https://nginx-pr-7.dev.example.com> | Let's Encrypt staging: browsers warn |"), body);
        assert.ok(body.includes("| redis | <http://redis.pr-7.svc.cluster.local> | — |"), "no TLS, no certificate to speak of");
    });

    it("a stack without apps says so", () => {
        assert.match(comments.reviewStackBody({ number: "7", head, apps: {} }), /The stack exports no apps\./);
    });
});

