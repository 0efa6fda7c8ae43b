import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import type { OpResult } from "./support/engine";
import type { KubeList, KubeObject } from "./support/localCluster";
import { waitFor } from "./support/processes";
import { imageTags, provisionReviewNamespace, sharedStack, tenantStack, webServerRepository } from "./support/stacks";
import { engineTier } from "./support/tier";

/**
 * The real program, the real Pulumi engine and the real Kubernetes provider against a real API server: the
 * shared dev stack on an adopted cluster, then two tenant stacks reading it through a real StackReference.
 * The tests run in order; each builds on the state the previous one left.
 */
describe("shared stack and tenants on a real control plane", { concurrency: false }, () => {
    const tier = engineTier();
    const secrets = { webServerToken: `token-${randomBytes(16).toString("hex")}` };
    const tenantSecrets = { webServerToken: `tenant-${randomBytes(16).toString("hex")}` };

    const get = <T = KubeObject>(args: string[]) => tier.cluster.getJson<T>(args);
    /** Every operation other than `same`, with the resource and the properties it would change. */
    const changed = (result: OpResult) => [
        ...Object.entries(result.changes ?? {}).filter(([op, n]) => op !== "same" && n > 0),
        ...(result.steps ?? []).filter((s) => s.op !== "same" && s.op !== "refresh").map((s) => [s.op, s.urn.split("::").pop(), s.diffs.join(",")]),
    ];

    test("pulumi up of the shared stack deploys the dev apps", async () => {
        const up = await tier.engine.ok("up", "dev", sharedStack(tier.cluster, secrets));
        assert.ok((up.changes?.create ?? 0) > 0, "up created nothing");

        for (const name of ["nginx", "web-server"]) {
            const deployment = await get(["get", "deployment", name, "-n", "web"]);
            const available = ((deployment.status?.conditions ?? []) as { type: string; status: string }[]).find((c) => c.type === "Available");
            assert.equal(available?.status, "True", `${name} is not Available`);
        }
        const claim = await get(["get", "pvc", "web-server-data", "-n", "web"]);
        assert.equal(claim.status?.phase, "Bound");

        const secret = await get(["get", "secret", "web-server-env", "-n", "web"]);
        const data = secret.data as Record<string, string>;
        assert.equal(Buffer.from(data.API_TOKEN, "base64").toString(), secrets.webServerToken, "the Secret does not hold the configured token");

        const namespace = await get(["get", "namespace", "web"]);
        assert.equal(namespace.metadata.labels?.["pod-security.kubernetes.io/enforce"], "restricted");
        const policies = await get<KubeList>(["get", "networkpolicy", "-n", "web"]);
        const names = policies.items.map((p) => p.metadata.name).sort();
        assert.ok(names.includes("default-deny"), `no default-deny policy: ${names.join(", ")}`);
        for (const app of ["nginx", "web-server"]) assert.ok(names.includes(app), `no NetworkPolicy for ${app}: ${names.join(", ")}`);

        const nginx = await get(["get", "service", "nginx", "-n", "web"]);
        assert.equal((nginx.spec as { type: string }).type, "LoadBalancer");
        const apps = up.outputs?.apps?.value as Record<string, { url: string; image: string }>;
        assert.equal(apps.nginx.url, `http://${tier.cluster.loadBalancerAddress}`, "the awaited load-balancer address is not the app's URL");
        assert.equal(apps["web-server"].image, `${webServerRepository}:${imageTags.first}`);
        assert.equal(up.outputs?.kubeconfig?.secret, true, "the kubeconfig output is not secret");
    });

    test("the API server enforces Pod Security restricted in the apps' namespace", async () => {
        // A pod as most images ship it: may run as root, may escalate, keeps its capabilities.
        const unhardened = JSON.stringify({
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: "unhardened-probe", namespace: "web" },
            spec: { containers: [{ name: "c", image: "busybox:1.37" }] },
        });
        await assert.rejects(tier.cluster.kubectl(["create", "-f", "-"], unhardened), /violates PodSecurity "restricted:v1\.31"/);
        // The same pod is admitted where no such label is set: the namespace's label is what rejects it.
        await tier.cluster.kubectl(["create", "--dry-run=server", "-f", "-"], unhardened.replace('"namespace":"web"', '"namespace":"default"'));
    });

    test("the state file holds no secret in plaintext", () => {
        const state = tier.engine.stateText("dev");
        for (const [what, value] of [
            ["the kubeconfig's bearer token", tier.cluster.token],
            ["the kubeconfig", tier.cluster.kubeconfig.trim()],
            ["web-server's API token", secrets.webServerToken],
            ["web-server's API token (base64, as in the Secret)", Buffer.from(secrets.webServerToken).toString("base64")],
        ]) {
            assert.ok(!state.includes(value), `${what} is in the state file in plaintext`);
        }
        assert.match(state, /"ciphertext"/, "no encrypted value in the state: were the secrets recorded at all?");
    });

    test("a second preview changes nothing and refresh finds no drift", async () => {
        const preview = await tier.engine.ok("preview", "dev", { options: { expectNoChanges: true } });
        assert.deepEqual(changed(preview), [], `preview proposes changes: ${JSON.stringify(preview.changes)}`);
        const refresh = await tier.engine.ok("refresh", "dev");
        assert.deepEqual(changed(refresh), [], `refresh found drift: ${JSON.stringify(refresh.changes)}`);
        const after = await tier.engine.ok("preview", "dev");
        assert.deepEqual(changed(after), [], `preview after refresh proposes changes: ${JSON.stringify(after.changes)}`);
    });

    test("a new image tag rolls only the web-server Deployment", async () => {
        const before = await get<KubeList>(["get", "deployments", "-n", "web"]);
        const generation = (name: string, list: KubeList) => list.items.find((d) => d.metadata.name === name)?.metadata.generation;
        const next = sharedStack(tier.cluster, secrets, imageTags.second);
        const preview = await tier.engine.ok("preview", "dev", { plainConfig: next.plainConfig });
        const updates = (preview.steps ?? []).filter((s) => s.op !== "same");
        assert.deepEqual(updates.map((s) => [s.op, s.type, s.urn.split("::").pop()]), [["update", "kubernetes:apps/v1:Deployment", "web-server"]]);
        assert.ok(updates[0].diffs.some((d) => d.startsWith("spec")), `the Deployment's diff is not in its spec: ${updates[0].diffs.join(", ")}`);

        await tier.engine.ok("up", "dev");
        const afterUp = await get<KubeList>(["get", "deployments", "-n", "web"]);
        assert.equal(generation("nginx", afterUp), generation("nginx", before), "nginx was rolled");
        assert.ok(generation("web-server", afterUp)! > generation("web-server", before)!, "web-server was not rolled");
        const image = ((afterUp.items.find((d) => d.metadata.name === "web-server")!.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image);
        assert.equal(image, `${webServerRepository}:${imageTags.second}`);
    });

    test("tenant stacks deploy, as their own identities, into the namespaces trusted code made, through a real StackReference", async () => {
        // dev-alice's namespace comes with the shared stack (its developers); pr-42's from the provisioner, as the sweep.
        provisionReviewNamespace(tier.cluster, "pr-42");
        for (const [stack, identity] of [["dev-alice", "alice"], ["pr-42", "review-stacks"]] as const) {
            await tier.engine.ok("up", stack, tenantStack(tier.cluster, identity, tenantSecrets));
            const quota = await get(["get", "resourcequota", "tenant", "-n", stack]);
            assert.equal((quota.spec as { hard: Record<string, string> }).hard["services.loadbalancers"], "0");
            const services = await get<KubeList>(["get", "services", "-n", stack]);
            assert.deepEqual(services.items.filter((s) => (s.spec as { type: string }).type === "LoadBalancer").map((s) => s.metadata.name), []);
            const ingresses = await get<KubeList>(["get", "ingresses", "-n", stack]);
            const hosts = ingresses.items.flatMap((i) => ((i.spec as { rules: { host: string }[] }).rules).map((r) => r.host)).sort();
            assert.deepEqual(hosts, [`nginx-${stack}.dev.example.com`, `web-server-${stack}.dev.example.com`]);
            for (const name of ["nginx", "web-server"]) {
                const deployment = await get(["get", "deployment", name, "-n", stack]);
                assert.ok(((deployment.status?.conditions ?? []) as { type: string; status: string }[]).some((c) => c.type === "Available" && c.status === "True"), `${stack}/${name} is not Available`);
            }
            const state = tier.engine.stateText(stack);
            assert.match(state, /pulumi:pulumi:StackReference/);
            assert.ok(!state.includes(tier.cluster.token), `${stack}'s state holds the shared kubeconfig's token`);
            assert.ok(!state.includes(tier.cluster.kubeconfigOf(identity).trim()), `${stack}'s state holds its own kubeconfig in plaintext`);
            assert.ok(!state.includes(tenantSecrets.webServerToken), `${stack}'s state holds its API token`);
        }
    });

    test("destroying a tenant leaves the shared stack untouched", async () => {
        const uids = async () => (await get<KubeList>(["get", "deployments,services,pvc,secrets", "-n", "web"])).items.map((o) => o.metadata.uid).sort();
        const before = await uids();
        await tier.engine.ok("destroy", "dev-alice");
        // The namespace is the shared stack's: only the tenant's objects go.
        await waitFor("dev-alice's Deployments to be gone", async () => ((await tier.cluster.kubectl(["get", "deployments", "-n", "dev-alice", "-o", "name"])).trim() === "" ? true : undefined));
        assert.ok((await tier.cluster.kubectl(["get", "namespaces", "-o", "name"])).includes("namespace/dev-alice"), "the shared stack's namespace stays");
        assert.deepEqual(await uids(), before);
        const preview = await tier.engine.ok("preview", "dev");
        assert.deepEqual(changed(preview), [], `the shared stack drifted: ${JSON.stringify(preview.changes)}`);
        assert.ok((await tier.cluster.kubectl(["get", "namespaces", "-o", "name"])).includes("namespace/pr-42"), "the other tenant went too");
    });

    test("destroying everything leaves no namespace of ours behind", async () => {
        await tier.engine.ok("destroy", "pr-42");
        // The review stack's namespace goes as the sweep removes it: deleted by its identity, whole.
        await tier.cluster.kubectlAs("stack-sweeper", ["delete", "namespace", "pr-42", "--wait=false"]);
        await tier.engine.ok("destroy", "dev");
        const ours = async () => {
            const names = (await tier.cluster.kubectl(["get", "namespaces", "-o", "name"])).split("\n").map((n) => n.replace("namespace/", ""));
            return names.filter((n) => ["web", "dev-alice", "dev-bob", "pr-42"].includes(n));
        };
        await waitFor("our namespaces to be gone", async () => ((await ours()).length === 0 ? true : undefined));
        const state = JSON.parse(tier.engine.stateText("dev")) as { checkpoint: { latest?: { resources?: unknown[] } } };
        assert.deepEqual(state.checkpoint.latest?.resources ?? [], []);
    });
});
