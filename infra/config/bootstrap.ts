import { showValue } from "./errors";
import { appsBuiltHere, type AppConfig } from "./apps";

/**
 * Set to "true" by `npm run stack -- bootstrap` for a new stack's first `up`. The images of the apps built here go
 * to the registry that same `up` creates, so they cannot exist yet: that `up` creates the cluster, the platform and
 * the registry and leaves those apps out, instead of waiting on ImagePullBackOff until the await times out.
 */
export const bootstrapEnv = "WEBSTACK_BOOTSTRAP";

/** Reads WEBSTACK_BOOTSTRAP: the apps to leave out of this run, or the problems, each naming the variable. */
export function parseBootstrap(
    raw: string | undefined,
    { apps, tenantStack, imageDigests }: { apps: Record<string, Pick<AppConfig, "build">>; tenantStack: boolean; imageDigests: string | undefined },
): { deferredApps: string[]; problems: string[] } {
    if (raw === undefined || raw === "" || raw === "false") return { deferredApps: [], problems: [] };
    const problems: string[] = [];
    if (raw !== "true") problems.push(`${bootstrapEnv}: must be true or unset (got ${showValue(raw)})`);
    if (tenantStack) problems.push(`${bootstrapEnv}: is for a cluster stack's first up; a tenant stack's images are built before its first up (npm run stack -- create)`);
    if (imageDigests !== undefined && imageDigests.trim() !== "") problems.push(`${bootstrapEnv}: a bootstrap up deploys none of the images built here, so IMAGE_DIGESTS must be unset`);
    // Every app built here: its image lives in a registry that is new.
    return problems.length > 0 ? { deferredApps: [], problems } : { deferredApps: appsBuiltHere(apps), problems };
}
