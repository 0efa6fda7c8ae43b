import type { BuiltApp } from "./builtApps";
import type { ImageTools } from "./docker";
import { UserError } from "../cli/userError";

/** An image a stack will run that this repository builds. */
export interface NeededImage {
    app: BuiltApp;
    /** `repository:tag`. */
    ref: string;
    /** The tag, also the image's GIT_SHA build argument. */
    tag: string;
    /** The app takes the stack's image tag (it pins no `tag` of its own): the image IMAGE_DIGESTS pins. */
    atImageTag: boolean;
    /** Why this checkout may not build it (the tag is pinned in config, or names another commit); undefined if it may. */
    notBuildable?: string;
}

export interface EnsureImagesOptions {
    tools: ImageTools;
    /** Build and push what is missing when Docker is available. False in CI, whose build jobs pushed already. */
    build: boolean;
    log(line: string): void;
}

const buildCommand = (image: NeededImage) =>
    `docker build --build-arg GIT_SHA=${image.tag} --tag ${image.ref} ${image.app.context} && docker push ${image.ref}`;

/**
 * Makes sure every image a stack will run is in its registry before the stack is created, so no pod can only end
 * in ImagePullBackOff: present images are used; missing ones are built from this checkout and pushed when Docker
 * is available; otherwise the command refuses, naming each missing image and the command that builds it.
 */
export function ensureImages(images: NeededImage[], options: EnsureImagesOptions): void {
    const docker = images.length > 0 && options.tools.dockerAvailable();
    const problems: string[] = [];
    for (const image of images) {
        const exists = options.tools.imageExists(image.ref, docker);
        if (exists === true) {
            options.log(`image ${image.ref}: in the registry`);
            continue;
        }
        const state = exists === false ? "is not in the registry" : "cannot be looked up here (no docker, gcloud or aws CLI)";
        if (!options.build) {
            problems.push(`apps.${image.app.name}: ${image.ref} ${state}; build and push it first (the workflow's build job does): ${buildCommand(image)}`);
        } else if (image.notBuildable) {
            problems.push(`apps.${image.app.name}: ${image.ref} ${state}, and this checkout cannot stand in for it: ${image.notBuildable}; push that image first`);
        } else if (!docker) {
            problems.push(`apps.${image.app.name}: ${image.ref} ${state}, and Docker is not available to build it; build and push it where Docker runs (logged in to the registry): ${buildCommand(image)}, or push the commit and let CI build it, then run this again`);
        } else {
            options.log(`image ${image.ref}: not in the registry; building ${image.app.context} and pushing`);
            if (!options.tools.buildAndPush(image.app.context, image.ref, image.tag)) problems.push(`apps.${image.app.name}: building or pushing ${image.ref} failed (see above)`);
        }
    }
    if (problems.length > 0) {
        throw new UserError(`no stack is created whose pods could only fail to pull their image:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
}

/**
 * IMAGE_DIGESTS for a developer's `pulumi up`: the digest each image built at the stack's tag has in the review
 * registry right after the check, so the pods run exactly that image even if someone pushes the tag again (the
 * review registry's tags move). Undefined, with the reason logged, when Docker cannot read every one: the stack then
 * deploys by tag.
 */
export function imageDigests(images: NeededImage[], options: { tools: ImageTools; log(line: string): void }): string | undefined {
    const built = images.filter((image) => image.atImageTag);
    if (built.length === 0) return undefined;
    const digests: Record<string, string> = {};
    for (const image of built) {
        const digest = options.tools.digestOf(image.ref);
        if (!digest) {
            options.log(`image ${image.ref}: its digest cannot be read here (docker buildx imagetools); deploying by tag`);
            return undefined;
        }
        digests[image.app.name] = digest;
    }
    return JSON.stringify(digests);
}
