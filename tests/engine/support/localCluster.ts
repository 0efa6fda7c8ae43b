import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { makePki } from "./certificates";
import { freePort, runCommand, startDaemon, startRestartingDaemon, waitFor, type Daemon } from "./processes";
import type { EngineTools } from "./tools";

/**
 * A real Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver (RBAC, service-account keys, the default
 * admission plugins, PodSecurity among them), kube-controller-manager, kube-scheduler, and kwok playing the
 * kubelets of `nodes` fake nodes (one zone each), the volume provisioner of StorageClass `kwok-volume` (the
 * default class), and the cloud's load balancer and ingress controller: it writes an address into the status of
 * LoadBalancer Services and Ingresses, as a cloud controller or an ingress controller would.
 */
export interface LocalCluster {
    dir: string;
    server: string;
    /** A kubeconfig whose user authenticates with a bearer token (secret: tests check it never reaches state). */
    kubeconfig: string;
    token: string;
    /** A kubeconfig of one of `identities` (its own bearer token): what a tenant brings as webstack:kubeconfig. */
    kubeconfigOf(identity: Identity): string;
    /** kubectl as the admin impersonating `identity` (`--as`, with `--as-group` for each of `groups`). */
    kubectlAs(identity: string, args: string[], options?: { groups?: string[]; input?: string }): Promise<string>;
    /** A kubectl command line (binary, and a kubeconfig of `identity` in KUBECONFIG) for code that runs kubectl itself. */
    kubectlEnvOf(identity: Identity): { binary: string; env: NodeJS.ProcessEnv };
    zones: string[];
    /** The address kwok publishes for LoadBalancer Services and Ingresses. */
    loadBalancerAddress: string;
    kubectl(args: string[], input?: string): Promise<string>;
    getJson<T = KubeObject>(args: string[]): Promise<T>;
    /** CPU seconds each component (etcd, kube-apiserver, …, kwok) has used so far, from /proc: for the bench. */
    cpuSeconds(): Record<string, number>;
    /**
     * With `auditDeployer`: the API server's audit log (one JSON line per request of the deployer, the identity in
     * `kubeconfig`), for the bench to count the program's requests. Undefined otherwise.
     */
    auditLog?: string;
    stop(): Promise<void>;
}

export interface KubeObject {
    metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; uid?: string; generation?: number };
    spec?: Record<string, unknown>;
    status?: Record<string, unknown>;
    [key: string]: unknown;
}

export interface KubeList<T = KubeObject> {
    items: T[];
}

const storageClass = "kwok-volume";

/**
 * The users the API server knows besides the deployer, each with its own bearer token: the identities of
 * webstack:access (previewer, review-stacks, stack-sweeper) and two developers. None is in any group but
 * system:authenticated: whatever they may do, RBAC grants them.
 */
export const identities = ["previewer", "review-stacks", "stack-sweeper", "alice", "bob"] as const;
export type Identity = (typeof identities)[number];

function kubeconfigFor(server: string, caFile: string, user: Record<string, string>): string {
    return stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "local", cluster: { server, "certificate-authority-data": readFileSync(caFile).toString("base64") } }],
        users: [{ name: "deployer", user }],
        contexts: [{ name: "local", context: { cluster: "local", user: "deployer" } }],
        "current-context": "local",
    });
}

/**
 * kwok's own stages (pods, nodes, volumes) plus ours (tests/engine/stages: load balancer and ingress addresses),
 * and, unless `stock`, its options (harnessLimits.kwok).
 */
function kwokConfig(tools: EngineTools, address: string, stock = false): string {
    const own = join(__dirname, "..", "stages");
    const files = [
        ...readdirSync(tools.stagesDir).map((f) => join(tools.stagesDir, f)),
        ...readdirSync(own).map((f) => join(own, f)),
    ].filter((f) => f.endsWith(".yaml"));
    const options = stock ? [] : [stringify({ apiVersion: "config.kwok.x-k8s.io/v1alpha1", kind: "KwokConfiguration", options: harnessLimits.kwok })];
    return [...options, ...files.map((f) => readFileSync(f, "utf8").replaceAll("${LOAD_BALANCER_ADDRESS}", address))].join("\n---\n");
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
function processCpuSeconds(pid: number): number {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        // proc(5): utime and stime are fields 14 and 15, in ticks of 1/100 s; the split starts at field 3.
        const [utime, stime] = stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(11, 13).map(Number);
        return (utime + stime) / 100;
    } catch {
        return 0;
    }
}

/** Metadata (who, what, when) of every request of the deployer, and of nobody else's. */
const deployerAuditPolicy = {
    apiVersion: "audit.k8s.io/v1",
    kind: "Policy",
    omitStages: ["RequestReceived"],
    rules: [{ level: "Metadata", users: ["webstack-deployer"] }, { level: "None" }],
};

export interface LocalClusterOptions {
    /** Fake nodes, one zone each. @default 3 */
    nodes?: number;
    /** Write the audit log of the deployer's requests (LocalCluster.auditLog). @default false */
    auditDeployer?: boolean;
    /** The components' stock client limits and worker counts instead of ours (harnessLimits): for the bench. @default false */
    stockLimits?: boolean;
}

/**
 * What each fake node offers the scheduler. Nothing runs, so it costs nothing; 8 CPUs each ran out when the bench's
 * 100-app stack and its floor (about 230 pods of 100m) shared the cluster, and pods stayed Pending (Insufficient cpu).
 */
const fakeNodeSize = { cpu: "64", memory: "256Gi", pods: "250", "ephemeral-storage": "1Ti" };

/**
 * What the components may do at once. Their stock limits are a real cluster's with a few pods a second
 * (controller manager qps 20, five workers per controller; scheduler qps 50; kwok four pods at a time; every
 * etcd write synced to disk): a hundred apps' Deployments would wait on the cluster rather than on the program
 * under test. These are what kwokctl gives a cluster it runs unthrottled; the cluster lives in a temporary folder
 * for one test file, so etcd need not survive a power cut.
 */
export const harnessLimits = {
    etcd: ["--unsafe-no-fsync"],
    apiServer: ["--max-requests-inflight=0", "--max-mutating-requests-inflight=0", "--enable-priority-and-fairness=false"],
    controllerManager: [
        "--kube-api-qps=1000", "--kube-api-burst=2000",
        "--concurrent-deployment-syncs=20", "--concurrent-replicaset-syncs=20",
        "--concurrent-endpoint-syncs=20", "--concurrent-service-endpoint-syncs=20",
    ],
    scheduler: ["--kube-api-qps=1000", "--kube-api-burst=2000"],
    /**
     * kwok has no client limit of its own (it never throttles), only workers: its configuration's options, all of
     * them, since a configuration file's options are not defaulted (v0.8.0's defaults, pods' workers raised from 4;
     * pod addresses from a /16, not 254 of them: the bench alone runs about 230 pods).
     */
    kwok: {
        cidr: "10.0.0.0/16", manageAllNodes: false,
        enableDebuggingHandlers: true, enableContentionProfiling: false, enableProfilingHandler: true,
        podPlayStageParallelism: 16, nodePlayStageParallelism: 4, nodeLeaseParallelism: 4,
        podsOnNodeSyncParallelism: 4, enablePodsOnNodeSyncListPager: true, enablePodsOnNodeSyncStreamWatch: false,
    },
};

export async function startLocalCluster(tools: EngineTools, options: LocalClusterOptions = {}): Promise<LocalCluster> {
    const dir = mkdtempSync(join(tmpdir(), "webstack-cluster-"));
    const daemons: Daemon[] = [];
    const log = (name: string) => join(dir, `${name}.log`);
    const stop = async () => {
        for (const daemon of daemons.reverse()) await daemon.stop();
        rmSync(dir, { recursive: true, force: true });
    };
    try {
        const pki = makePki(dir);
        const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
        const server = `https://127.0.0.1:${apiPort}`;
        const token = randomBytes(24).toString("hex");
        const tokens = Object.fromEntries(identities.map((user) => [user, randomBytes(24).toString("hex")])) as Record<Identity, string>;
        writeFileSync(join(dir, "tokens.csv"), [
            `${token},webstack-deployer,webstack-deployer,"system:masters"`,
            ...identities.map((user) => `${tokens[user]},${user},${user}`),
        ].join("\n") + "\n");
        const adminKubeconfig = join(dir, "admin.kubeconfig");
        writeFileSync(adminKubeconfig, kubeconfigFor(server, pki.caCert, { "client-certificate": pki.adminCert, "client-key": pki.adminKey }));
        const env = { ...process.env, KUBECACHEDIR: join(dir, "kube-cache") };
        const auditLog = options.auditDeployer ? join(dir, "audit.log") : undefined;
        if (auditLog) writeFileSync(join(dir, "audit-policy.yaml"), stringify(deployerAuditPolicy));

        daemons.push(startDaemon("etcd", tools.bin("etcd"), [
            "--name=default", `--data-dir=${join(dir, "etcd")}`,
            `--listen-client-urls=http://127.0.0.1:${etcdClient}`, `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
            `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`, `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
            `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`, "--listen-metrics-urls=", "--log-level=warn",
            ...(options.stockLimits ? [] : harnessLimits.etcd),
        ], { log: log("etcd"), env }));
        daemons.push(startDaemon("kube-apiserver", tools.bin("kube-apiserver"), [
            `--etcd-servers=http://127.0.0.1:${etcdClient}`,
            "--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", `--secure-port=${apiPort}`,
            `--cert-dir=${join(dir, "apiserver-certs")}`,
            `--tls-cert-file=${pki.serverCert}`, `--tls-private-key-file=${pki.serverKey}`, `--client-ca-file=${pki.caCert}`,
            `--service-account-key-file=${pki.serviceAccountPub}`, `--service-account-signing-key-file=${pki.serviceAccountKey}`,
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            "--authorization-mode=Node,RBAC", `--token-auth-file=${join(dir, "tokens.csv")}`,
            "--service-cluster-ip-range=10.96.0.0/16", "--endpoint-reconciler-type=none", "--allow-privileged=false",
            ...(options.stockLimits ? [] : harnessLimits.apiServer),
            ...(auditLog ? [`--audit-policy-file=${join(dir, "audit-policy.yaml")}`, `--audit-log-path=${auditLog}`, "--audit-log-format=json", "--audit-log-mode=batch", "--audit-log-batch-max-wait=1s"] : []),
        ], { log: log("kube-apiserver"), env }));
        const cluster = {
            dir,
            server,
            token,
            zones: Array.from({ length: options.nodes ?? 3 }, (_, i) => `zone-${String.fromCharCode(97 + i)}`),
            loadBalancerAddress: "127.0.0.1",
            kubeconfig: kubeconfigFor(server, pki.caCert, { token }),
            kubectl: (args: string[], input?: string) => runCommand(tools.bin("kubectl"), [`--kubeconfig=${adminKubeconfig}`, ...args], { env, input }),
            kubeconfigOf: (identity: Identity) => kubeconfigFor(server, pki.caCert, { token: tokens[identity] }),
            kubectlAs: (identity: string, args: string[], options: { groups?: string[]; input?: string } = {}) => runCommand(
                tools.bin("kubectl"),
                [`--kubeconfig=${adminKubeconfig}`, `--as=${identity}`, ...(options.groups ?? []).map((g) => `--as-group=${g}`), ...args],
                { env, input: options.input },
            ),
            kubectlEnvOf(identity: Identity) {
                const file = join(dir, `${identity}.kubeconfig`);
                if (!existsSync(file)) writeFileSync(file, this.kubeconfigOf(identity));
                return { binary: tools.bin("kubectl"), env: { ...env, KUBECONFIG: file } };
            },
            async getJson<T>(args: string[]): Promise<T> {
                return JSON.parse(await this.kubectl([...args, "-o", "json"])) as T;
            },
            cpuSeconds: () => Object.fromEntries(daemons.map((d) => [d.name, processCpuSeconds(d.pid)])),
            auditLog,
            stop,
        };
        await waitFor("the API server to be ready", async () => ((await cluster.kubectl(["get", "--raw", "/readyz"])).trim() === "ok" ? true : undefined));

        daemons.push(startDaemon("kube-controller-manager", tools.bin("kube-controller-manager"), [
            `--kubeconfig=${adminKubeconfig}`, "--leader-elect=false", "--secure-port=0",
            `--service-account-private-key-file=${pki.serviceAccountKey}`, `--root-ca-file=${pki.caCert}`,
            "--use-service-account-credentials=true",
            ...(options.stockLimits ? [] : harnessLimits.controllerManager),
        ], { log: log("kube-controller-manager"), env }));
        daemons.push(startDaemon("kube-scheduler", tools.bin("kube-scheduler"), [
            `--kubeconfig=${adminKubeconfig}`, "--leader-elect=false", "--secure-port=0",
            ...(options.stockLimits ? [] : harnessLimits.scheduler),
        ], { log: log("kube-scheduler"), env }));
        writeFileSync(join(dir, "kwok.yaml"), kwokConfig(tools, cluster.loadBalancerAddress, options.stockLimits));
        // Restarted if it dies: kwok v0.8.0 now and then panics in its lazy, unlocked Stage.init when two of its
        // workers match a stage for the first time together (pkg/utils/cel/environment.go:52 in the trace).
        daemons.push(startRestartingDaemon("kwok", tools.bin("kwok"), [
            `--kubeconfig=${adminKubeconfig}`, `--config=${join(dir, "kwok.yaml")}`,
            "--manage-all-nodes=false", "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
            // Renews each node's Lease, as a kubelet does; without it the node controller marks the nodes
            // NotReady after its grace period and their pods unready.
            "--node-lease-duration-seconds=40",
        ], { log: log("kwok"), env: { ...env, HOME: dir } }));

        const nodes = cluster.zones.map((zone, i) => ({
            apiVersion: "v1",
            kind: "Node",
            metadata: {
                name: `kwok-node-${i}`,
                annotations: { "kwok.x-k8s.io/node": "fake" },
                labels: { "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": `kwok-node-${i}`, "topology.kubernetes.io/zone": zone, type: "kwok" },
            },
            status: { allocatable: fakeNodeSize, capacity: fakeNodeSize },
        }));
        const objects = [...nodes, readFileSync(tools.storageClassFile, "utf8")];
        await cluster.kubectl(["apply", "-f", "-"], objects.map((o) => (typeof o === "string" ? o : stringify(o))).join("\n---\n"));
        await waitFor("every fake node to be Ready", async () => {
            const list = await cluster.getJson<KubeList>(["get", "nodes"]);
            const ready = list.items.filter((n) => ((n.status?.conditions ?? []) as { type: string; status: string }[]).some((c) => c.type === "Ready" && c.status === "True"));
            return ready.length === cluster.zones.length ? true : undefined;
        });
        await waitFor("the default service account", async () => ((await cluster.kubectl(["get", "serviceaccount", "default", "-n", "default", "-o", "name"])).trim() ? true : undefined));
        mkdirSync(join(dir, "kube-cache"), { recursive: true });
        return cluster;
    } catch (error) {
        const logs = daemons.map((d) => `--- ${d.name}${d.exited() ? " (exited)" : ""}:\n${tail(d.log)}`).join("\n");
        await stop();
        throw new Error(`the local control plane did not start: ${error instanceof Error ? error.message : String(error)}\n${logs}`);
    }
}

function tail(file: string, lines = 15): string {
    try {
        return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
        return "(no log)";
    }
}


export { storageClass as kwokStorageClass };
