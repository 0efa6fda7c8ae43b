import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";

/** Role the GKE service agent needs on the key to encrypt and decrypt Secrets (application-layer encryption). */
export const keyUserRole = "roles/cloudkms.cryptoKeyEncrypterDecrypter";

/** The GKE service agent of a project: it, not the caller, calls Cloud KMS for the cluster. */
export function gkeServiceAgent(projectNumber: string): string {
    return `serviceAccount:service-${projectNumber}@container-engine-robot.iam.gserviceaccount.com`;
}

export interface GkeSecretsKey {
    key: gcp.kms.CryptoKey;
    /** The service agent's grant on the key; the cluster must be created after it, or GKE refuses the key. */
    grant: gcp.kms.CryptoKeyIAMMember;
}

/**
 * A Cloud KMS key for application-layer Secrets encryption (databaseEncryption), in a key ring in the cluster's
 * region (GKE requires the key's location to match the cluster's region), rotated every 90 days. Key rings cannot be
 * deleted, so it is auto-named: a re-created stack never collides with the ring of an earlier one. Prod protects the
 * key: destroying it makes every Secret of the cluster unreadable.
 */
export function gkeSecretsKey(name: string, args: { project: string; region: string; prod: boolean }, opts: pulumi.CustomResourceOptions): GkeSecretsKey {
    const ring = new gcp.kms.KeyRing(`${name}-secrets`, { project: args.project, location: args.region }, { ...opts, protect: args.prod });
    const key = new gcp.kms.CryptoKey(`${name}-secrets`, {
        keyRing: ring.id,
        purpose: "ENCRYPT_DECRYPT",
        rotationPeriod: `${90 * 24 * 3600}s`,
    }, { ...opts, protect: args.prod });
    const projectNumber = gcp.organizations.getProjectOutput({ projectId: args.project }, { parent: opts.parent }).number;
    const grant = new gcp.kms.CryptoKeyIAMMember(`${name}-secrets-gke`, {
        cryptoKeyId: key.id,
        role: keyUserRole,
        member: projectNumber.apply(gkeServiceAgent),
    }, opts);
    return { key, grant };
}
