import { containerRule } from "./containers";

/** A content digest (`@sha256:<hex>`) pins an image whatever its tag says. */
const digest = /@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

/** The tag of an image reference, if it has one (a `:` after the last `/`; `host:5000/app` has none). */
export function imageTag(image: string): string | undefined {
    const colon = image.lastIndexOf(":");
    return colon > image.lastIndexOf("/") ? image.slice(colon + 1) : undefined;
}

/** Why an image reference is not pinned, or undefined when it is. */
export function unpinnedReason(image: string | undefined): string | undefined {
    if (!image) return "has no image";
    if (digest.test(image)) return undefined;
    const tag = imageTag(image);
    if (tag === undefined) return `image ${image} has no tag, so it runs whatever latest is at pull time`;
    if (tag.toLowerCase() === "latest") return `image ${image} uses the mutable tag latest`;
    return undefined;
}

export const imagePinned = containerRule({
    name: "image-pinned",
    description: "Every container image has a pinned tag (never latest, never untagged) or a digest.",
    enforcementLevel: "mandatory",
    // Chart images count too: a chart that pulls latest would change under us.
    charts: true,
    checkContainer({ container }) {
        const reason = unpinnedReason(container.image);
        return reason && `${reason}; pin a version tag (our images: the git SHA) or a digest (image@sha256:...)`;
    },
});
