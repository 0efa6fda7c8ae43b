import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface ArtifactRegistryArgs {
    /** GCP project that holds the repository. */
    project: string;
    /** Region of the repository; images are pushed to and pulled from `<region>-docker.pkg.dev`. */
    region: string;
    /** Repository id, the last path segment of image names. */
    repositoryId: string;
    /** IAM members (e.g. `serviceAccount:…`) allowed to pull, by a short name used in resource names. Default none. */
    readers?: Record<string, pulumi.Input<string>>;
}

/**
 * A Docker repository in Artifact Registry, with pull access granted on the repository only. `protect` in
 * the options covers the repository and its grants.
 */
export class ArtifactRegistry extends pulumi.ComponentResource {
    readonly repository: gcp.artifactregistry.Repository;
    /** `<region>-docker.pkg.dev/<project>/<repositoryId>`: prefix of every image name pushed here. */
    readonly url: pulumi.Output<string>;

    constructor(name: string, args: ArtifactRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:registry:ArtifactRegistry", name, {}, opts);
        this.repository = new gcp.artifactregistry.Repository(name, {
            project: args.project,
            location: args.region,
            repositoryId: args.repositoryId,
            format: "DOCKER",
            description: `Images built for ${name}`,
        }, { parent: this });
        for (const [reader, member] of Object.entries(args.readers ?? {})) {
            new gcp.artifactregistry.RepositoryIamMember(`${name}-reader-${reader}`, {
                project: args.project,
                location: args.region,
                repository: this.repository.repositoryId,
                role: "roles/artifactregistry.reader",
                member,
            }, { parent: this });
        }
        this.url = pulumi.interpolate`${args.region}-docker.pkg.dev/${args.project}/${this.repository.repositoryId}`;
        this.registerOutputs({ url: this.url });
    }
}
