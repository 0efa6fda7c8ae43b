import * as pulumi from "@pulumi/pulumi";
import { plain, urnToRef } from "./serialized";

/** One resource as the program registered it with the engine. */
export interface RecordedResource {
    type: string;
    name: string;
    /** `type::name` of the parent, or null. */
    parent: string | null;
    /** `type::name` of the explicit provider, or null for the default provider. */
    provider: string | null;
    protect: boolean;
    /** Every resource it waits for, through dependsOn or through its inputs, as `type::name`. */
    dependsOn: string[];
    /** Inputs with secret values replaced by "[secret]". */
    inputs: Record<string, unknown>;
    /** True for custom resources, false for components. */
    custom: boolean;
    /** Remote (multi-language) components such as helm.v4.Chart and eks.Cluster. */
    remote: boolean;
    retainOnDelete: boolean;
    ignoreChanges: string[];
    /** Read (`Resource.get`, StackReference) rather than managed: the engine looks it up, never creates it. */
    read: boolean;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getRemote(): boolean;
    getProtect(): boolean | undefined;
    getProvider(): string;
    getDependenciesList(): string[];
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
    getRetainondelete(): boolean | undefined;
    getIgnorechangesList(): string[];
}

interface ReadRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getProvider(): string;
    getDependenciesList(): string[];
    getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface OutputsRequest {
    getUrn(): string;
    getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

type Callback = (err: unknown, response?: unknown) => void;

interface Monitor {
    registerResource(req: RegisterRequest, callback: Callback): unknown;
    readResource(req: ReadRequest, callback: Callback): unknown;
    registerResourceOutputs(req: OutputsRequest, callback: Callback): unknown;
}

/** `urn::id` (how the SDK names a provider instance) → `type::name`. */
function providerRef(reference: string): string | null {
    if (!reference) return null;
    return urnToRef(reference.split("::").slice(0, -1).join("::"));
}

/** What registrations and reads both carry: identity, parent, provider, dependencies, inputs. */
function common(req: Omit<ReadRequest, "getProperties">, inputs: { toJavaScript(): Record<string, unknown> } | undefined) {
    return {
        type: req.getType(),
        name: req.getName(),
        parent: req.getParent() ? urnToRef(req.getParent()) : null,
        provider: providerRef(req.getProvider()),
        dependsOn: [...new Set(req.getDependenciesList().map(urnToRef))].sort(),
        inputs: plain(inputs?.toJavaScript() ?? {}) as Record<string, unknown>,
    };
}

function record(req: RegisterRequest): RecordedResource {
    return {
        ...common(req, req.getObject()),
        protect: req.getProtect() ?? false,
        custom: req.getCustom(),
        remote: req.getRemote(),
        retainOnDelete: req.getRetainondelete() ?? false,
        ignoreChanges: req.getIgnorechangesList(),
        read: false,
    };
}

function recordRead(req: ReadRequest): RecordedResource {
    return {
        ...common(req, req.getProperties()),
        protect: false,
        custom: true,
        remote: false,
        retainOnDelete: false,
        ignoreChanges: [],
        read: true,
    };
}

export interface Recording {
    resources: RecordedResource[];
    /** Outputs registered on each resource (`type::name` → serialized outputs), secrets still marked. */
    outputs: Map<string, Record<string, unknown>>;
}

/** Taps the mock monitor installed by setMocks, so every registration is recorded before it is answered. */
export function recordRegistrations(): Recording {
    const monitor = pulumi.runtime.getMonitor() as unknown as Monitor | undefined;
    if (!monitor) throw new Error("recordRegistrations needs the mock monitor: call setMocks first");
    const recording: Recording = { resources: [], outputs: new Map() };
    const registerResource = monitor.registerResource.bind(monitor);
    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    const readResource = monitor.readResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        recording.resources.push(record(req));
        return registerResource(req, callback);
    };
    monitor.readResource = (req, callback) => {
        recording.resources.push(recordRead(req));
        return readResource(req, callback);
    };
    monitor.registerResourceOutputs = (req, callback) => {
        recording.outputs.set(urnToRef(req.getUrn()), req.getOutputs()?.toJavaScript() ?? {});
        return registerResourceOutputs(req, callback);
    };
    return recording;
}
