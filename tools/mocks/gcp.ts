import type * as pulumi from "@pulumi/pulumi";
import { caCertificateBase64, digest, fakeGcpProject, publicIp } from "../render/cloudValues";
import type { ComputeState, MockContext, MockTable } from "./types";

/** What Google Cloud computes for the resources the GKE cluster component registers. */

type Inputs = Record<string, unknown>;
type Args = pulumi.runtime.MockResourceArgs;

function projectOf(inputs: Inputs, { config }: MockContext): string {
    return String(inputs.project ?? config["gcp:project"] ?? fakeGcpProject);
}

function regionOf(inputs: Inputs, { config }: MockContext): string {
    return String(inputs.region ?? inputs.location ?? config["gcp:region"] ?? "us-central1");
}

/** The name the program set, or the auto-name Pulumi would pick (a random suffix; here derived from type and name). */
function physicalName({ type, name, inputs }: Args): string {
    return String((inputs as Inputs).name ?? `${name}-${digest(`${type}::${name}`, 7)}`);
}

const computeApi = "https://www.googleapis.com/compute/v1";

/** A numeric id as GCP assigns them. */
const numericId = (seed: string) => BigInt(`0x${digest(seed, 15)}`).toString();

/** Compute Engine resources: a path-like id, the API self link, a numeric id. */
function computeResource(path: (args: Args, context: MockContext, name: string) => string): ComputeState {
    return (args, context) => {
        const name = physicalName(args);
        const id = path(args, context, name);
        return { id, name, selfLink: `${computeApi}/${id}`, numericId: numericId(id) };
    };
}

const cluster: ComputeState = (args, context) => {
    const inputs = args.inputs as Inputs;
    const project = projectOf(inputs, context);
    const name = physicalName(args);
    const id = `projects/${project}/locations/${String(inputs.location)}/clusters/${name}`;
    const minor = String(inputs.minMasterVersion ?? "1.33").split(".").slice(0, 2).join(".");
    const privateConfig = inputs.privateClusterConfig as Inputs | undefined;
    return {
        id,
        name,
        project,
        endpoint: publicIp(`${id}/endpoint`),
        masterAuth: { clusterCaCertificate: caCertificateBase64(id), clientCertificateConfig: { issueClientCertificate: false } },
        masterVersion: `${minor}.5-gke.1000000`,
        selfLink: `https://container.googleapis.com/v1/${id}`,
        labelFingerprint: digest(`${id}/labels`),
        ...(privateConfig?.enablePrivateNodes ? { privateClusterConfig: { ...privateConfig, privateEndpoint: "172.16.0.2", peeringName: `gke-n${digest(id, 17)}-peer` } } : {}),
    };
};

const nodePool: ComputeState = (args, context) => {
    const inputs = args.inputs as Inputs;
    const name = physicalName(args);
    return {
        id: `projects/${projectOf(inputs, context)}/locations/${String(inputs.location)}/clusters/${String(inputs.cluster)}/nodePools/${name}`,
        name,
        version: "1.33.5-gke.1000000",
    };
};

const serviceAccount: ComputeState = ({ inputs }, context) => {
    const project = projectOf(inputs, context);
    const email = `${String(inputs.accountId)}@${project}.iam.gserviceaccount.com`;
    return {
        id: `projects/${project}/serviceAccounts/${email}`,
        name: `projects/${project}/serviceAccounts/${email}`,
        email,
        member: `serviceAccount:${email}`,
        uniqueId: `1${numericId(email).padStart(20, "0")}`,
        project,
    };
};

/** IAM member grants: the provider's `<resource>/<role>/<member>` id and an etag. */
function iamMember(resource: (inputs: Inputs, context: MockContext) => string): ComputeState {
    return ({ inputs }, context) => {
        const id = `${resource(inputs, context)}/${String(inputs.role)}/${String(inputs.member)}`;
        return { id, etag: `BwY${digest(id, 9)}=` };
    };
}

const repositoryPath = (inputs: Inputs, context: MockContext, repositoryId: unknown) =>
    `projects/${projectOf(inputs, context)}/locations/${regionOf(inputs, context)}/repositories/${String(repositoryId)}`;

const repository: ComputeState = ({ inputs }, context) => ({
    id: repositoryPath(inputs, context, inputs.repositoryId),
    name: String(inputs.repositoryId),
    project: projectOf(inputs, context),
    location: regionOf(inputs, context),
    createTime: "2024-01-01T00:00:00.000000Z",
    updateTime: "2024-01-01T00:00:00.000000Z",
});

const keyRing: ComputeState = (args, context) => {
    const inputs = args.inputs as Inputs;
    const name = physicalName(args);
    return { id: `projects/${projectOf(inputs, context)}/locations/${String(inputs.location)}/keyRings/${name}`, name };
};

const cryptoKey: ComputeState = (args) => {
    const name = physicalName(args);
    return { id: `${String((args.inputs as Inputs).keyRing)}/cryptoKeys/${name}`, name, primary: [{ name: "1", state: "ENABLED" }] };
};

/** The project's number, derived from its id (GKE's service agent is named after it). */
export const projectNumberOf = (project: string) => BigInt(`0x${digest(`${project}/number`, 11)}`).toString();

/** A project-level custom role: named `projects/<project>/roles/<roleId>`, which is what grants refer to. */
const customRole: ComputeState = ({ inputs }, context) => {
    const name = `projects/${projectOf(inputs, context)}/roles/${String(inputs.roleId)}`;
    return { id: name, name, deleted: false };
};

export const gcpMocks: MockTable = {
    resources: {
        "gcp:compute/network:Network": computeResource(({ inputs }, context, name) => `projects/${projectOf(inputs, context)}/global/networks/${name}`),
        "gcp:compute/subnetwork:Subnetwork": computeResource(({ inputs }, context, name) => `projects/${projectOf(inputs, context)}/regions/${regionOf(inputs, context)}/subnetworks/${name}`),
        "gcp:compute/router:Router": computeResource(({ inputs }, context, name) => `projects/${projectOf(inputs, context)}/regions/${regionOf(inputs, context)}/routers/${name}`),
        "gcp:compute/routerNat:RouterNat": (args, context) => ({
            id: `${projectOf(args.inputs, context)}/${regionOf(args.inputs, context)}/${String(args.inputs.router)}/${physicalName(args)}`,
            name: physicalName(args),
        }),
        "gcp:container/cluster:Cluster": cluster,
        "gcp:container/nodePool:NodePool": nodePool,
        "gcp:serviceaccount/account:Account": serviceAccount,
        "gcp:projects/iAMMember:IAMMember": iamMember((inputs) => String(inputs.project)),
        "gcp:projects/iAMCustomRole:IAMCustomRole": customRole,
        "gcp:serviceaccount/iAMMember:IAMMember": iamMember((inputs) => String(inputs.serviceAccountId)),
        "gcp:dns/dnsManagedZoneIamMember:DnsManagedZoneIamMember": iamMember((inputs, context) => `projects/${projectOf(inputs, context)}/managedZones/${String(inputs.managedZone)}`),
        "gcp:artifactregistry/repository:Repository": repository,
        "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember": iamMember((inputs, context) => repositoryPath(inputs, context, inputs.repository)),
        "gcp:kms/keyRing:KeyRing": keyRing,
        "gcp:kms/cryptoKey:CryptoKey": cryptoKey,
        "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": iamMember((inputs) => String(inputs.cryptoKeyId)),
    },
    calls: {
        "gcp:organizations/getProject:getProject": ({ inputs }, context) => {
            const project = String(inputs.projectId ?? context.config["gcp:project"] ?? fakeGcpProject);
            return { id: `projects/${project}`, projectId: project, number: projectNumberOf(project), name: project };
        },
    },
};
