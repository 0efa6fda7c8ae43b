import { spawnSync } from "node:child_process";
import type { Shell } from "./shell";

/** Docker and the cloud CLIs, run without a shell, as far as `npm run stack` needs them for images. */
export class ImageTools {
    constructor(private readonly shell: Shell) {}

    private ok(binary: string, args: string[]): boolean | undefined {
        const run = spawnSync(binary, args, { cwd: this.shell.cwd, env: this.shell.env, stdio: "ignore" });
        if (run.error) return undefined; // not installed
        return run.status === 0;
    }

    /** Whether a Docker engine answers (the CLI alone is not enough to build). */
    dockerAvailable(): boolean {
        return this.ok("docker", ["info", "--format", "{{.ServerVersion}}"]) === true;
    }

    /**
     * Whether `ref` (repository:tag) is in its registry: `docker manifest inspect`, else the registry's own CLI
     * (gcloud for Artifact Registry, aws for ECR, which a developer has for the kubeconfig anyway). Undefined when
     * nothing here can tell.
     */
    imageExists(ref: string, docker: boolean): boolean | undefined {
        if (docker) return this.ok("docker", ["manifest", "inspect", ref]);
        const [repository, tag] = splitRef(ref);
        if (/^[a-z0-9-]+-docker\.pkg\.dev\//.test(repository)) return this.ok("gcloud", ["artifacts", "docker", "images", "describe", ref, "--quiet"]);
        const ecr = /^[0-9]+\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/(.+)$/.exec(repository);
        if (ecr) return this.ok("aws", ["ecr", "describe-images", "--region", ecr[1], "--repository-name", ecr[2], "--image-ids", `imageTag=${tag}`]);
        return undefined;
    }

    /**
     * The digest `ref` (repository:tag) names in its registry now (`docker buildx imagetools inspect`), or undefined
     * when Docker cannot tell.
     */
    digestOf(ref: string): string | undefined {
        const run = spawnSync("docker", ["buildx", "imagetools", "inspect", ref, "--format", "{{json .Manifest}}"], { cwd: this.shell.cwd, env: this.shell.env, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
        if (run.status !== 0) return undefined;
        try {
            const digest = (JSON.parse(run.stdout) as { digest?: unknown }).digest;
            return typeof digest === "string" && /^sha256:[0-9a-f]{64}$/.test(digest) ? digest : undefined;
        } catch {
            return undefined;
        }
    }

    /** Builds `<context>/Dockerfile` as `ref` (stamped with GIT_SHA) and pushes it; output goes to the terminal. */
    buildAndPush(context: string, ref: string, gitSha: string): boolean {
        const build = spawnSync("docker", ["build", "--build-arg", `GIT_SHA=${gitSha}`, "--tag", ref, context], { cwd: this.shell.cwd, env: this.shell.env, stdio: "inherit" });
        if (build.status !== 0) return false;
        return spawnSync("docker", ["push", ref], { cwd: this.shell.cwd, env: this.shell.env, stdio: "inherit" }).status === 0;
    }
}

/** `host/path:tag` → [`host/path`, `tag`] (a registry port's colon is not a tag separator). */
export function splitRef(ref: string): [string, string] {
    const at = ref.lastIndexOf(":");
    if (at < 0 || ref.slice(at).includes("/")) return [ref, ""];
    return [ref.slice(0, at), ref.slice(at + 1)];
}
