import * as gcp from "@pulumi/gcp";

/** The GCP project from the provider config (`gcp:project`, or the environment the provider also reads). */
export function gcpProject(): string {
    const project = gcp.config.project;
    if (!project) throw new Error("GkeCluster needs a GCP project: pulumi config set gcp:project <project-id>");
    return project;
}
