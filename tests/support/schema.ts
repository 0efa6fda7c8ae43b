/**
 * Schema validation of rendered manifests with kubernetes-models (the Kubernetes OpenAPI schemas) and
 * @kubernetes-models/cert-manager. Both packages are ES modules only, hence the dynamic imports.
 */

type Manifest = Record<string, unknown>;
type Model = new (data: Manifest) => { validate(): void };

/** The module holding the models of an apiVersion: `v1`, `apps/v1`, `networking.k8s.io/v1`, `cert-manager.io/v1`, ... */
function modulePath(apiVersion: string): string {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    if (group === "cert-manager.io" || group.endsWith(".cert-manager.io")) return `@kubernetes-models/cert-manager/${group}/${version}`;
    return group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`;
}

/** The kubernetes-models class of a manifest's apiVersion and kind; throws when there is none. */
export async function modelFor(manifest: Manifest): Promise<Model> {
    const { apiVersion, kind } = manifest as { apiVersion?: string; kind?: string };
    if (!apiVersion || !kind) throw new Error(`manifest without apiVersion/kind: ${JSON.stringify(manifest).slice(0, 200)}`);
    let module: Record<string, unknown>;
    try {
        module = (await import(modulePath(apiVersion))) as Record<string, unknown>;
    } catch {
        throw new Error(`no schema for apiVersion ${apiVersion} (kind ${kind})`);
    }
    const model = module[kind];
    if (typeof model !== "function") throw new Error(`no schema for ${kind} in ${apiVersion}`);
    return model as Model;
}

function describe(manifest: Manifest): string {
    const meta = (manifest.metadata ?? {}) as { name?: string; namespace?: string };
    return `${String(manifest.kind)} ${meta.namespace ? `${meta.namespace}/` : ""}${meta.name ?? "(unnamed)"}`;
}

/** Validates one manifest against its schema; throws naming the object and the violation. */
export async function validateManifest(manifest: Manifest): Promise<void> {
    const Model = await modelFor(manifest);
    try {
        new Model(manifest).validate();
    } catch (err) {
        throw new Error(`${describe(manifest)}: ${err instanceof Error ? err.message : String(err)}`);
    }
}

/** Every problem of a set of manifests, one line each (empty when all are valid). */
export async function schemaProblems(manifests: Manifest[]): Promise<string[]> {
    const problems: string[] = [];
    for (const manifest of manifests) {
        try {
            await validateManifest(manifest);
        } catch (err) {
            problems.push(err instanceof Error ? err.message : String(err));
        }
    }
    return problems;
}
