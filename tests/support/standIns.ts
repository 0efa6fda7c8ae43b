import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stackCommand } from "../../tools/workflow/stackCommand";
import { runTsx, type ChildRun } from "./childProcess";
import { inProcess } from "./inProcess";

/**
 * Stand-ins for the command-line tools `npm run stack` drives (pulumi, docker, gh), each a small bash script that
 * records its calls. Commands run with a PATH holding only these and the few real tools they need (git, bash,
 * cat, grep), so a machine's real docker, gcloud or aws (GitHub's runners have all three) is never reached.
 */

const cli = join(__dirname, "..", "..", "tools", "workflow", "cli.ts");

/** A bin directory with the real tools the stand-ins and the command need. */
function toolDir(): string {
    const dir = mkdtempSync(join(tmpdir(), "tools-"));
    for (const tool of ["git", "bash", "cat", "grep", "env"]) {
        const found = ["/usr/bin", "/bin", "/usr/local/bin"].map((d) => join(d, tool)).find(existsSync);
        if (found) symlinkSync(found, join(dir, tool));
    }
    return dir;
}

/** A recording stand-in: `script` is the bash body run after the call is logged (tab-separated args, plus IMAGE_TAG). */
function standIn(name: string, script: string): { dir: string; calls(): string[][] } {
    const dir = mkdtempSync(join(tmpdir(), `fake-${name}-`));
    const log = join(dir, "calls.log");
    writeFileSync(join(dir, name), `#!/usr/bin/env bash\nprintf '%s\\n' "$(printf '%s\\t' "$@")" >> "${log}"\n${script}\n`);
    chmodSync(join(dir, name), 0o755);
    return { dir, calls: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").map((l) => l.replace(/\t$/, "").split("\t")) : []) };
}

export interface FakePulumi {
    dir: string;
    calls(): string[][];
    /** IMAGE_TAG as each `pulumi up` saw it. */
    upImageTags(): string[];
    /** IMAGE_DIGESTS as each `pulumi up` saw it ("" when unset). */
    upImageDigests(): string[];
}

export function fakePulumi(options: { existingStack?: boolean; sharedOutputs?: Record<string, unknown>; stacks?: unknown[] } = {}): FakePulumi {
    const outputs = options.sharedOutputs ?? { kubeconfig: "k", clusterName: "c", endpoint: "e", registry: "europe-west1-docker.pkg.dev/acme/webstack", reviewRegistry: "europe-west1-docker.pkg.dev/acme/webstack-review", ingressAddress: "1.2.3.4" };
    const dir = mkdtempSync(join(tmpdir(), "fake-pulumi-data-"));
    writeFileSync(join(dir, "outputs.json"), JSON.stringify(outputs));
    writeFileSync(join(dir, "stacks.json"), JSON.stringify(options.stacks ?? []));
    const tags = join(dir, "up-tags.log");
    const digests = join(dir, "up-digests.log");
    const fake = standIn("pulumi", `case "$1 $2" in
  "stack output") cat "${join(dir, "outputs.json")}" ;;
  "stack ls") cat "${join(dir, "stacks.json")}" ;;
  "stack select") exit ${options.existingStack ? 0 : 1} ;;
  "config get") exit 1 ;;
  "up --yes") printf '%s\\n' "$IMAGE_TAG" >> "${tags}"; printf '%s\\n' "\${IMAGE_DIGESTS:-}" >> "${digests}" ;;
esac
exit 0`);
    const lines = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").replace(/\n$/, "").split("\n") : []);
    return { ...fake, upImageTags: () => lines(tags), upImageDigests: () => lines(digests) };
}

/**
 * pulumi for `npm run stack -- bootstrap`: `stack output registry` prints `registry` (or fails: a new stack), `stack
 * select` succeeds only for an existing stack, and each `up` records WEBSTACK_BOOTSTRAP as it saw it.
 */
export function fakeBootstrapPulumi(options: { registry?: string; stackExists: boolean }): { dir: string; calls(): string[][]; upBootstrapEnv(): string[] } {
    const dir = mkdtempSync(join(tmpdir(), "fake-pulumi-data-"));
    const seen = join(dir, "up-bootstrap.log");
    const fake = standIn("pulumi", `case "$1 $2" in
  "stack output") ${options.registry ? `echo "${options.registry}"` : "echo 'error: current stack does not have output property registry' >&2; exit 255"} ;;
  "stack select") exit ${options.stackExists ? 0 : 1} ;;
  "up --yes") printf '%s\n' "\${WEBSTACK_BOOTSTRAP:-unset}" >> "${seen}" ;;
esac
exit 0`);
    return { ...fake, upBootstrapEnv: () => (existsSync(seen) ? readFileSync(seen, "utf8").trim().split("\n") : []) };
}

/** The digest the stand-in docker reports for any image in its registry. */
export const fakeRegistryDigest = `sha256:${"d".repeat(64)}`;

/**
 * docker: `info` answers when the engine runs; `manifest inspect` finds what is in `registry.txt`; `push` adds to it;
 * `buildx imagetools inspect` reports fakeRegistryDigest for what is there.
 */
export function fakeDocker(options: { engine: boolean; inRegistry?: string[] }): { dir: string; calls(): string[][] } {
    const fake = standIn("docker", "");
    const registry = join(fake.dir, "registry.txt");
    writeFileSync(registry, (options.inRegistry ?? []).map((r) => `${r}\n`).join(""));
    writeFileSync(join(fake.dir, "docker"), `#!/usr/bin/env bash
printf '%s\\n' "$(printf '%s\\t' "$@")" >> "${join(fake.dir, "calls.log")}"
case "$1" in
  info) exit ${options.engine ? 0 : 1} ;;
  manifest) grep -qxF -- "$3" "${registry}" ;;
  build) exit 0 ;;
  push) printf '%s\\n' "$2" >> "${registry}" ;;
  buildx) grep -qxF -- "$4" "${registry}" && echo '{"digest":"${fakeRegistryDigest}"}' ;;
esac
`);
    return fake;
}

/** kubectl: records each call, and what `apply -f -` read on stdin (in `applied()`). */
export function fakeKubectl(): { dir: string; calls(): string[][]; applied(): string } {
    const fake = standIn("kubectl", "");
    const stdin = join(fake.dir, "stdin.log");
    writeFileSync(join(fake.dir, "kubectl"), `#!/usr/bin/env bash
printf '%s\\n' "$(printf '%s\\t' "$@")" >> "${join(fake.dir, "calls.log")}"
if [[ "$1" == apply ]]; then cat >> "${stdin}"; fi
exit 0
`);
    return { ...fake, applied: () => (existsSync(stdin) ? readFileSync(stdin, "utf8") : "") };
}

/** gh: `pr view <n> --json state --jq .state` answers from `states` (a number not listed fails, as for a missing PR). */
export function fakeGh(states: Record<number, string>): { dir: string; calls(): string[][] } {
    const cases = Object.entries(states).map(([n, s]) => `  ${n}) echo ${s} ;;`).join("\n");
    return standIn("gh", `case "$3" in\n${cases}\n  *) exit 1 ;;\nesac`);
}

/**
 * The environment a command sees with the given stand-ins (bin dirs) first on PATH, then only git, bash, cat, grep
 * and env (node's own directory may hold docker, gcloud or aws); IMAGE_TAG and GITHUB_SHA only when given.
 */
function commandEnv(standIns: { dir: string }[], env: Record<string, string>): NodeJS.ProcessEnv {
    const path = [...standIns.map((s) => s.dir), toolDir()].join(":");
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !["IMAGE_TAG", "GITHUB_SHA"].includes(k)));
    return { ...base, ...env, PATH: path };
}

/** `npm run stack -- <args>` run in this process, as its CLI runs it, with the given stand-ins on PATH. */
export function stackInProcess(args: string[], standIns: { dir: string }[], env: Record<string, string> = {}): ChildRun {
    return inProcess(stackCommand, args, commandEnv(standIns, env));
}

/** The same through the real CLI process (node + tsx + tools/workflow/cli.ts): its exit code and streams. */
export function stackProcess(args: string[], standIns: { dir: string }[], env: Record<string, string> = {}): Promise<ChildRun> {
    return runTsx(cli, args, { env: commandEnv(standIns, env) });
}

/** pulumi for `preview --refresh --json`: prints a preview whose steps have these ops (`version` answers too). */
export function fakePreviewPulumi(steps: { op: string; urn: string }[]): { dir: string; calls(): string[][] } {
    const fake = standIn("pulumi", "");
    writeFileSync(join(fake.dir, "preview.json"), JSON.stringify({ steps, changeSummary: {} }));
    writeFileSync(join(fake.dir, "pulumi"), `#!/usr/bin/env bash
printf '%s\\n' "$(printf '%s\\t' "$@")" >> "${join(fake.dir, "calls.log")}"
if [[ "$1" == preview ]]; then cat "${join(fake.dir, "preview.json")}"; fi
exit 0
`);
    return fake;
}

/**
 * gh for issues: `issue list` answers with `open` (JSON); create, comment and close only record their call. Each
 * call is kept whole (NUL-separated), since bodies span lines: `issueCalls()` lists them, list calls left out.
 */
export function fakeIssuesGh(open: { number: number; title: string }[]): { dir: string; issueCalls(): string[][] } {
    const dir = mkdtempSync(join(tmpdir(), "fake-gh-"));
    writeFileSync(join(dir, "open.json"), JSON.stringify(open));
    writeFileSync(join(dir, "gh"), `#!/usr/bin/env bash
if [[ "$1 $2" == "issue list" ]]; then cat "${join(dir, "open.json")}"; exit 0; fi
printf '%s\\0' "$@" > "${join(dir, "call.")}$$.$RANDOM"
exit 0
`);
    chmodSync(join(dir, "gh"), 0o755);
    const issueCalls = () => readdirSync(dir).filter((f) => f.startsWith("call.")).map((f) => readFileSync(join(dir, f), "utf8").replace(/\0$/, "").split("\0"));
    return { dir, issueCalls };
}
