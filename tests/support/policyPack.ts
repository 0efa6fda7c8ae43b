import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { projectDir } from "../../infra/config/project";

/** @pulumi/pulumi's own gRPC and protobuf modules: the analyzer protocol the engine speaks to a policy pack. */
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));
const grpc = fromPulumi("@grpc/grpc-js");
const rpc = fromPulumi("@pulumi/pulumi/proto/analyzer_grpc_pb");
const pb = fromPulumi("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb");

export interface Diagnostic {
    policy: string;
    /** 0 advisory, 1 mandatory (pulumirpc.EnforcementLevel). */
    enforcementLevel: number;
    message: string;
    urn: string;
}

export interface AnalyzedResource {
    type: string;
    urn: string;
    props: Record<string, unknown>;
    protect?: boolean;
}

export interface RunningPack {
    /** The policies the pack serves, as `name → enforcement level` (0 advisory, 1 mandatory). */
    info(): Promise<{ name: string; policies: Record<string, number> }>;
    analyze(resource: AnalyzedResource): Promise<Diagnostic[]>;
    analyzeStack(resources: AnalyzedResource[]): Promise<Diagnostic[]>;
    stop(): void;
}

/**
 * Starts policy/ the way `pulumi preview --policy-pack policy` does (the pulumi-analyzer-policy shim runs
 * @pulumi/pulumi's run-policy-pack in the pack's directory, with the stack's config in PULUMI_CONFIG) and
 * connects to the analyzer port it prints.
 */
export async function startPolicyPack(env: Record<string, string> = {}): Promise<RunningPack> {
    const runner = join(projectDir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
    const child = spawn(process.execPath, [runner, "127.0.0.1:1", "."], { cwd: join(projectDir, "policy"), env: { ...process.env, ...env } });
    const port = await firstLine(child);
    const client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const call = <T>(method: string, request: unknown) =>
        new Promise<T>((resolve, reject) => client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));

    const options = (protect: boolean) => {
        const opts = new pb.AnalyzerResourceOptions();
        opts.setProtect(protect);
        return opts;
    };
    const fill = <T extends { setType(t: string): void; setUrn(u: string): void; setName(n: string): void; setProperties(s: unknown): void; setOptions(o: unknown): void }>(target: T, r: AnalyzedResource): T => {
        target.setType(r.type);
        target.setUrn(r.urn);
        target.setName(r.urn.split("::").pop()!);
        target.setProperties(Struct.fromJavaScript(r.props));
        target.setOptions(options(r.protect ?? false));
        return target;
    };
    interface RpcDiagnostic { getPolicyname(): string; getEnforcementlevel(): number; getMessage(): string; getUrn(): string }
    const diagnostics = (response: { getDiagnosticsList(): RpcDiagnostic[] }): Diagnostic[] =>
        response.getDiagnosticsList().map((d) => ({ policy: d.getPolicyname(), enforcementLevel: d.getEnforcementlevel(), message: d.getMessage(), urn: d.getUrn() }));

    return {
        async info() {
            const response = await call<{ getName(): string; getPoliciesList(): { getName(): string; getEnforcementlevel(): number }[] }>("getAnalyzerInfo", new Empty());
            return { name: response.getName(), policies: Object.fromEntries(response.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()])) };
        },
        analyze: async (r) => diagnostics(await call("analyze", fill(new pb.AnalyzeRequest(), r))),
        async analyzeStack(resources) {
            const request = new pb.AnalyzeStackRequest();
            request.setResourcesList(resources.map((r) => fill(new pb.AnalyzerResource(), r)));
            return diagnostics(await call("analyzeStack", request));
        },
        stop() {
            client.close();
            child.kill();
        },
    };
}

/** The port the pack prints once its gRPC server listens; rejects with its stderr if it exits first. */
function firstLine(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes("\n")) resolve(out.split("\n")[0].trim());
        });
        child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
        child.on("exit", (code) => reject(new Error(`policy pack exited (${code}) before listening:\n${err}`)));
    });
}
