import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ecrRepositoryType } from "./registryNames";

export interface EcrRepositoryArgs {
    /** Repository name, e.g. `webstack-prod/web-server`. */
    repositoryName: string;
    /** Prod: the repository is protected and cannot be deleted while it holds images. */
    prod: boolean;
    /** Images kept; older ones expire. Default 50. */
    keepImages?: number;
}

/**
 * An ECR repository for an image built here: tags are immutable (a commit SHA always names the same image),
 * images are scanned on push and encrypted at rest (AES256), and only the newest `keepImages` are kept.
 */
export class EcrRepository extends pulumi.ComponentResource {
    /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`: where CI pushes and nodes pull. */
    readonly repositoryUrl: pulumi.Output<string>;

    constructor(name: string, args: EcrRepositoryArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ecrRepositoryType, name, {}, opts);
        const keepImages = args.keepImages ?? 50;
        const repository = new aws.ecr.Repository(
            name,
            {
                name: args.repositoryName,
                imageTagMutability: "IMMUTABLE",
                imageScanningConfiguration: { scanOnPush: true },
                encryptionConfigurations: [{ encryptionType: "AES256" }],
                // A dev stack can be destroyed with its images; prod refuses while images remain.
                forceDelete: !args.prod,
            },
            { parent: this, protect: args.prod },
        );
        new aws.ecr.LifecyclePolicy(
            name,
            {
                repository: repository.name,
                policy: JSON.stringify({
                    rules: [
                        {
                            rulePriority: 1,
                            description: `Keep the newest ${keepImages} images`,
                            selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepImages },
                            action: { type: "expire" },
                        },
                    ],
                }),
            },
            { parent: this },
        );
        this.repositoryUrl = repository.repositoryUrl;
        this.registerOutputs({ repositoryUrl: this.repositoryUrl });
    }
}
