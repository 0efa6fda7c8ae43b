import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { reviewImageDays } from "../props";
import { ecrRepositoryType } from "./registryNames";

export interface EcrRepositoryArgs {
    /** Repository name, e.g. `webstack-prod/web-server`. */
    repositoryName: string;
    /** Prod: the repository is protected and cannot be deleted while it holds images. */
    prod: boolean;
    /** Images kept; older ones expire. @default 50 */
    keepImages?: number;
    /**
     * The repository of unreviewed builds: tags mutable (each pull request pushes its own commits; its stack runs
     * them by digest), images expire after `expireAfterDays`, and `pushers` may push. @default false
     */
    review?: boolean;
    /** Days an image of a review repository is kept. @default reviewImageDays (14) */
    expireAfterDays?: number;
    /** IAM principal ARNs allowed to push (review repositories), or refused any push and delete (the others). @default none */
    pushers?: pulumi.Input<string>[];
}

/** What pushing an image takes, per repository (ecr:GetAuthorizationToken is account-wide, in the pusher's IAM policy). */
export const ecrPushActions = ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"];

/**
 * An ECR repository for an image built here: tags are immutable (a commit SHA always names the same image),
 * images are scanned on push and encrypted at rest (AES256), and only the newest `keepImages` are kept. A review
 * repository instead takes unreviewed builds from `pushers`; every other repository explicitly denies them any
 * push or delete, whatever their IAM policies grant.
 */
export class EcrRepository extends pulumi.ComponentResource {
    /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`: where CI pushes and nodes pull. */
    readonly repositoryUrl: pulumi.Output<string>;

    constructor(name: string, args: EcrRepositoryArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ecrRepositoryType, name, {}, opts);
        const keepImages = args.keepImages ?? 50;
        const expireAfterDays = args.expireAfterDays ?? reviewImageDays;
        const review = args.review ?? false;
        const repository = new aws.ecr.Repository(
            name,
            {
                name: args.repositoryName,
                imageTagMutability: review ? "MUTABLE" : "IMMUTABLE",
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
                        review
                            ? {
                                rulePriority: 1,
                                description: `Expire images after ${expireAfterDays} days`,
                                selection: { tagStatus: "any", countType: "sinceImagePushed", countUnit: "days", countNumber: expireAfterDays },
                                action: { type: "expire" },
                            }
                            : {
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
        if ((args.pushers ?? []).length > 0) {
            new aws.ecr.RepositoryPolicy(name, {
                repository: repository.name,
                policy: pulumi.output(args.pushers!).apply((pushers) => JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [review
                        ? { Sid: "UnreviewedBuildsPushHere", Effect: "Allow", Principal: { AWS: pushers }, Action: ecrPushActions }
                        : { Sid: "NoUnreviewedBuilds", Effect: "Deny", Principal: { AWS: pushers }, Action: [...ecrPushActions, "ecr:BatchDeleteImage", "ecr:DeleteRepositoryPolicy", "ecr:SetRepositoryPolicy"] }],
                })),
            }, { parent: this });
        }
        this.repositoryUrl = repository.repositoryUrl;
        this.registerOutputs({ repositoryUrl: this.repositoryUrl });
    }
}
