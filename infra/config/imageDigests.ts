import { showValue } from "./errors";
import { appsBuiltHere, type AppConfig } from "./apps";

/** What a registry calls an image's content: `sha256:` and 64 lowercase hex digits. */
const digestPattern = /^sha256:[0-9a-f]{64}$/;

/** The apps whose image this run's build jobs produce: `build`, tagged with the resolved image tag (no pinned `tag`). */
export function appsBuiltAtImageTag(apps: Record<string, Pick<AppConfig, "build" | "tag">>): string[] {
    return appsBuiltHere(apps).filter((name) => apps[name].tag === undefined);
}

/**
 * IMAGE_DIGESTS, set by CI from its build jobs' outputs: a JSON object of app name → digest of the image the build
 * pushed. With it the pods run `<repository>:<tag>@<digest>`: the bytes that build made, whatever the tag points
 * at later. Once it is set, every app built at the image tag needs its digest, so no app falls back to a tag
 * unnoticed. Unset (a developer's machine): the tag alone. Returns the digests, or the problems, each naming the key.
 */
export function parseImageDigests(raw: string | undefined, apps: Record<string, Pick<AppConfig, "build" | "tag">>): { digests: Record<string, string>; problems: string[] } {
    if (raw === undefined || raw.trim() === "") return { digests: {}, problems: [] };
    let parsed: unknown;
    try {
        parsed = JSON.parse(raw);
    } catch {
        return { digests: {}, problems: [`IMAGE_DIGESTS: must be a JSON object of app name to image digest (got ${showValue(raw)})`] };
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        return { digests: {}, problems: [`IMAGE_DIGESTS: must be a JSON object of app name to image digest (got ${showValue(parsed)})`] };
    }
    const built = appsBuiltAtImageTag(apps);
    const problems: string[] = [];
    const digests: Record<string, string> = {};
    for (const [app, digest] of Object.entries(parsed as Record<string, unknown>)) {
        if (!Object.hasOwn(apps, app)) problems.push(`IMAGE_DIGESTS.${app}: is not an app of this stack (apps: ${Object.keys(apps).join(", ") || "none"})`);
        else if (!built.includes(app)) problems.push(`IMAGE_DIGESTS.${app}: the app's image is not built at the image tag (no build, or a pinned tag), so no digest of this run applies`);
        else if (typeof digest !== "string" || !digestPattern.test(digest)) problems.push(`IMAGE_DIGESTS.${app}: must be sha256:<64 hex digits> (got ${showValue(digest)})`);
        else digests[app] = digest;
    }
    for (const app of built.filter((a) => !Object.hasOwn(parsed as object, a))) {
        problems.push(`IMAGE_DIGESTS.${app}: is missing: the app is built at the image tag, and once IMAGE_DIGESTS is set every such app deploys by digest`);
    }
    return { digests, problems };
}
