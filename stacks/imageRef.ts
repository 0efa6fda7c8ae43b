import * as pulumi from "@pulumi/pulumi";
import { appRepository, type AppConfig } from "../infra/config/apps";

export interface ImageRefContext {
    /** `host/path` of the stack's registry (Artifact Registry / ECR); undefined where there is none. */
    registry?: pulumi.Input<string | undefined>;
    /** The resolved tag of images built here (the git SHA). */
    imageTag: string;
    /** Digest of the image the build pushed at that tag (`sha256:…`): the reference then pins it. */
    digest?: string;
}

/**
 * The image an app runs. Third-party images (no `build`) are `image:tag` as configured (the config requires both).
 * Our own (`build`) are `<app.image, or <registry>/<app name>>:<app.tag, or the resolved git SHA>`, and with the
 * digest CI's build produced, `…:<tag>@<digest>`: the runtime pulls by digest, the tag stays for people to read.
 */
export function imageRef(name: string, app: Pick<AppConfig, "image" | "build" | "tag">, context: ImageRefContext): pulumi.Output<string> {
    if (!app.build) return pulumi.output(`${app.image}:${app.tag}`);
    const version = `${app.tag ?? context.imageTag}${context.digest ? `@${context.digest}` : ""}`;
    if (app.image) return pulumi.output(`${app.image}:${version}`);
    const missing = `webstack:apps.${name}.image is required: this stack has no image registry to default to (set the repository the image is pushed to)`;
    if (context.registry === undefined) throw new Error(missing);
    // A tenant learns only at deploy time whether its shared stack exports a registry.
    return pulumi.output(context.registry).apply((registry) => {
        if (!registry) throw new Error(missing);
        return `${appRepository(name, app, registry)}:${version}`;
    });
}
