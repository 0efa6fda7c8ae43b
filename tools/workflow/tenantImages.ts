import { namespace } from "../../infra/config/errors";
import { headCommit, uncommittedChanges, workingTreeFingerprint } from "../../infra/config/git";
import { resolveImageTag } from "../../infra/config/imageTag";
import { builtApps } from "./builtApps";
import type { NeededImage } from "./images";
import type { PulumiCli } from "./pulumiCli";
import { stackConfig } from "./stackConfig";

export interface TenantImagesOptions {
    cli: PulumiCli;
    stack: string;
    projectDir: string;
    /** `<org>/<project>/<stack>` of the shared stack, when not dev. */
    shared?: string;
    /** The shared stack's `reviewRegistry` output, where tenant images live (never main's registry). */
    registry: string;
    env: Record<string, string | undefined>;
}

/**
 * The images a tenant stack will run that this repository builds, with the tag its program will resolve:
 * webstack:imageTag of the stack, IMAGE_TAG, GITHUB_SHA, else the checked-out commit. A working tree with
 * uncommitted changes is not that commit: its image is tagged `<sha>-dirty-<fingerprint>` instead, so it never
 * takes the commit's tag (CI pushes that one, immutable on ECR). Returns the tag to deploy with as IMAGE_TAG.
 */
export function tenantImages(options: TenantImagesOptions): { images: NeededImage[]; imageTag: string } {
    const { cli, stack, projectDir } = options;
    const configured = cli.tryCapture(["config", "get", "--stack", stack, `${namespace}:imageTag`]) || undefined;
    const resolved = resolveImageTag({ configured, env: options.env, repoDir: projectDir, prod: false, allowDirty: true });
    const dirty = uncommittedChanges(projectDir).length > 0;
    const fromCheckout = resolved.source === "git rev-parse HEAD";
    const imageTag = fromCheckout && dirty ? `${resolved.tag}-dirty-${workingTreeFingerprint(projectDir)}` : resolved.tag;
    // This checkout may build the image only when the tag names it: the tag came from it, or is its clean commit.
    const namesCheckout = fromCheckout || (!dirty && resolved.tag === headCommit(projectDir));
    const config = stackConfig(projectDir, stack, { overrides: options.shared ? { [`${namespace}:sharedCluster`]: options.shared } : {} });
    const images = builtApps(config, options.registry).map((app) => {
        const pinned = config.apps[app.name].tag;
        const tag = pinned ?? imageTag;
        const notBuildable = pinned !== undefined
            ? `apps.${app.name}.tag pins ${pinned}`
            : namesCheckout ? undefined : `the tag ${tag} (${resolved.source}) names another commit than this checkout's${dirty ? " uncommitted tree" : ""}`;
        return { app, tag, ref: `${app.repository}:${tag}`, atImageTag: pinned === undefined, ...(notBuildable ? { notBuildable } : {}) };
    });
    return { images, imageTag };
}
