import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";

/** What a GKE node needs on the project: write logs and metrics, read monitoring, report resource metadata. */
export const nodeProjectRoles = [
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/monitoring.viewer",
    "roles/stackdriver.resourceMetadata.writer",
] as const;

/** A service account id `<name><suffix>`: 6-30 characters, a lowercase letter first, no trailing hyphen. */
export function serviceAccountId(name: string, suffix: string): string {
    return name.slice(0, 30 - suffix.length).replace(/-+$/, "") + suffix;
}

/** The id of the nodes' service account. */
export function nodeAccountId(name: string): string {
    return serviceAccountId(name, "-nodes");
}

export interface NodeServiceAccount {
    account: gcp.serviceaccount.Account;
    /** `serviceAccount:<email>`, for IAM bindings elsewhere (e.g. the registry). */
    member: pulumi.Output<string>;
    /** The project-level grants; node pools wait for them. */
    bindings: gcp.projects.IAMMember[];
}

/** The nodes' own identity instead of the Compute Engine default account (which holds project Editor). */
export function createNodeServiceAccount(name: string, args: { project: string }, opts: pulumi.CustomResourceOptions): NodeServiceAccount {
    const account = new gcp.serviceaccount.Account(`${name}-nodes`, {
        accountId: nodeAccountId(name),
        displayName: `GKE nodes of ${name}`,
        project: args.project,
    }, opts);
    const bindings = nodeProjectRoles.map((role) => new gcp.projects.IAMMember(
        `${name}-nodes-${role.replace(/^roles\//, "").replace(/\./g, "-")}`,
        { project: args.project, role, member: account.member },
        opts,
    ));
    return { account, member: account.member, bindings };
}
