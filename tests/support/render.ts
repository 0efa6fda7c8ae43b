import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { pushedToStackRegistry } from "../../infra/config/apps";
import type { RecordedResource } from "../../tools/render/recorder";
import { projectDir } from "../../infra/config/project";
import { kubernetesTypes } from "./types";
import { render, type RenderOptions, type RenderResult } from "../../tools/render/render";

/** A fixed commit SHA so renders do not depend on the checkout the tests run in. */
export const testImageTag = "0123456789abcdef0123456789abcdef01234567";

const cache = new Map<string, Promise<RenderResult>>();

/**
 * Renders a stack through the offline harness (the one `npm run render` uses), once per distinct option set and
 * config: the helpers below write a fresh file per call, so a config file counts by its content, not its path
 * (the shared result's configSource is then the first such file).
 */
export function renderStack(stack: string, options: Omit<RenderOptions, "stack"> = {}): Promise<RenderResult> {
    const full = { imageTag: testImageTag, ...options, stack };
    const key = JSON.stringify({ ...full, configFile: full.configFile && readFileSync(full.configFile, "utf8") });
    let result = cache.get(key);
    if (!result) {
        result = render(full);
        cache.set(key, result);
    }
    return result;
}

/** The `config:` block of a stack file in this repository. */
export function stackFileConfig(stack: string): Record<string, unknown> {
    const doc = parse(readFileSync(join(projectDir, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    return doc.config;
}

/** Writes a stack-format config file into a fresh temporary directory and returns its path. */
export function writeStackFile(config: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), "webstack-test-"));
    const file = join(dir, "Pulumi.test.yaml");
    writeFileSync(file, stringify({ config }));
    return file;
}

/** A stack file's config with some keys replaced (or removed, with undefined). */
export function variant(stack: string, changes: Record<string, unknown>): string {
    const config: Record<string, unknown> = { ...stackFileConfig(stack) };
    for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) delete config[key];
        else config[key] = value;
    }
    return writeStackFile(config);
}

export function ofType(result: RenderResult, type: string): RecordedResource[] {
    return result.resources.filter((r) => r.type === type);
}

export function one(result: RenderResult, type: string, name?: string): RecordedResource {
    const found = ofType(result, type).filter((r) => name === undefined || r.name === name);
    if (found.length !== 1) {
        throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    }
    return found[0];
}

export const ref = (r: RecordedResource) => `${r.type}::${r.name}`;

/** The Helm charts (helm.sh/v4 Chart) of a render that install chart `chart`. */
export function chartsOf(result: RenderResult, chart: string): RecordedResource[] {
    return ofType(result, kubernetesTypes.chart).filter((r) => r.inputs.chart === chart);
}

/** The AWS region the EKS variants of the stack files use. */
export const awsRegion = "eu-west-1";

/** A stack file's webstack:access with each GKE member (`serviceAccount:<name>@…`) swapped for an IAM role of the same name (EKS). */
export function awsAccess(stack: string): Record<string, string[]> {
    const access = (stackFileConfig(stack)["webstack:access"] ?? {}) as Record<string, string[]>;
    const roleName = (member: string) => member.slice(member.indexOf(":") + 1).split("@")[0];
    return Object.fromEntries(Object.entries(access).map(([role, ids]) => [role, ids.map((id) => `arn:aws:iam::123456789012:role/webstack-${stack}-${roleName(id)}`)]));
}

/**
 * A stack file of this repository switched to EKS: cloud aws, the AWS provider's region, no gcp keys, IAM roles
 * for its access identities, and a cluster in eu-west-1 (two zones, one small general group unless `cluster` says
 * otherwise), and `changes`.
 */
/** The deploy role an EKS variant lists in cluster.admins: EKS admits only listed admins. */
export const eksDeployer = "arn:aws:iam::123456789012:role/deployer";

export function onEks(stack: string, cluster: Record<string, unknown> = {}, changes: Record<string, unknown> = {}): string {
    // One file per distinct variant, so renderStack's cache renders it once however often a test asks.
    const key = JSON.stringify([stack, cluster, changes]);
    let file = eksVariants.get(key);
    if (!file) eksVariants.set(key, (file = eksVariant(stack, cluster, changes)));
    return file;
}

const eksVariants = new Map<string, string>();

function eksVariant(stack: string, cluster: Record<string, unknown>, changes: Record<string, unknown>): string {
    return variant(stack, {
        "webstack:cloud": "aws",
        "aws:region": awsRegion,
        "gcp:project": undefined,
        "gcp:region": undefined,
        "webstack:access": awsAccess(stack),
        "webstack:cluster": {
            region: awsRegion,
            zones: ["eu-west-1a", "eu-west-1b"],
            nodeGroups: [{ name: "general", machineType: "t3.medium", minNodes: 1, maxNodes: 3 }],
            // EKS admits only listed admins; a prod cluster must also be reachable from the deploy jobs.
            admins: [eksDeployer],
            ...(stack === "prod" ? { deployerNetworks: ["198.51.100.0/28"] } : {}),
            ...cluster,
        },
        ...changes,
    });
}

/** A local registry (kind's or minikube's registry add-on), for apps built here on an adopted cluster. */
export const localRegistry = "localhost:5000";

/** A stack file's apps with every app built here pushed to the local registry: an adopted cluster has none. */
export function appsOnLocalRegistry(stack: string): Record<string, Record<string, unknown>> {
    const apps = stackFileConfig(stack)["webstack:apps"] as Record<string, Record<string, unknown>>;
    return Object.fromEntries(
        Object.entries(apps).map(([name, app]) => [name, pushedToStackRegistry(app) ? { ...app, image: `${localRegistry}/${name}` } : app]),
    );
}
