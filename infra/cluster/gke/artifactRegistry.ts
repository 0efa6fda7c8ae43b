import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface ArtifactRegistryArgs {
    /** GCP project that holds the repository. */
    project: string;
    /** Region of the repository; images are pushed to and pulled from `<region>-docker.pkg.dev`. */
    region: string;
    /** Repository id, the last path segment of image names. */
    repositoryId: string;
    /** What the repository holds, for its description. */
    description: string;
    /** IAM members (e.g. `serviceAccount:…`) allowed to pull, by a short name used in resource names. @default none */
    readers?: Record<string, pulumi.Input<string>>;
    /** IAM members allowed to push (roles/artifactregistry.writer on this repository only), by short name. @default none */
    writers?: Record<string, pulumi.Input<string>>;
    /**
     * A tag, once pushed, always names the same image: it cannot be moved or deleted. @default true
     */
    immutableTags?: boolean;
    /** Images older than this many days are deleted (a cleanup policy). @default none: images are kept */
    deleteAfterDays?: number;
}

/**
 * A Docker repository in Artifact Registry, with pull and push granted on the repository only. `protect` in
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
            description: args.description,
            dockerConfig: { immutableTags: args.immutableTags ?? true },
            cleanupPolicyDryRun: args.deleteAfterDays === undefined ? undefined : false,
            cleanupPolicies: args.deleteAfterDays === undefined
                ? undefined
                : [{ id: `delete-after-${args.deleteAfterDays}-days`, action: "DELETE", condition: { tagState: "ANY", olderThan: `${args.deleteAfterDays * 86400}s` } }],
        }, { parent: this });
        const grant = (kind: string, role: string, members: Record<string, pulumi.Input<string>>) => {
            for (const [short, member] of Object.entries(members)) {
                new gcp.artifactregistry.RepositoryIamMember(`${name}-${kind}-${short}`, {
                    project: args.project,
                    location: args.region,
                    repository: this.repository.repositoryId,
                    role,
                    member,
                }, { parent: this });
            }
        };
        grant("reader", "roles/artifactregistry.reader", args.readers ?? {});
        grant("writer", "roles/artifactregistry.writer", args.writers ?? {});
        this.url = pulumi.interpolate`${args.region}-docker.pkg.dev/${args.project}/${this.repository.repositoryId}`;
        this.registerOutputs({ url: this.url });
    }
}
