/** Where the tag of images built here came from. */
export interface ResolvedTag {
    tag: string;
    /** e.g. "webstack:imageTag", "IMAGE_TAG", "GITHUB_SHA", "git rev-parse HEAD". */
    source: string;
}

export interface ResolveTagOptions {
    /** `--image-tag` / `webstack:imageTag`. */
    configured?: string;
    env: Record<string, string | undefined>;
    /** Repository whose HEAD is the fallback. */
    repoDir: string;
    prod: boolean;
    allowDirty: boolean;
}

/** STUB: the resolution order and checks are being implemented. */
export function resolveImageTag(options: ResolveTagOptions): ResolvedTag {
    return { tag: options.configured ?? options.env.IMAGE_TAG ?? "0000000", source: "stub" };
}
