import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { stringify } from "yaml";
import type { KubeList } from "./support/localCluster";
import { waitFor } from "./support/processes";
import { provisionReviewNamespace, sharedDomain, sharedStack, tenantStack } from "./support/stacks";
import { engineTier } from "./support/tier";

/**
 * The trust boundaries of the shared cluster, proven on a real API server (RBAC and ValidatingAdmissionPolicy
 * enforced by it, not by our evaluator): the shared stack, a pull request's stack (pr-7, its namespace provisioned
 * by the sweep's identity, deployed by the review stacks' identity) and a developer's (dev-alice, by alice). Then,
 * impersonating each identity (kubectl --as), every attack a tenant could try is refused, each with the reason the
 * API server gives; and what each identity is for still works.
 */
describe("trust boundaries on a real API server", { concurrency: false }, () => {
    const tier = engineTier();
    const secrets = { webServerToken: `token-${randomBytes(16).toString("hex")}` };
    const tenantSecrets = { webServerToken: `tenant-${randomBytes(16).toString("hex")}` };

    /** A kubectl command as `identity` that must be refused; resolves with the API server's reason. */
    const refused = async (identity: string, args: string[], input?: object): Promise<string> => {
        const attempt = tier.cluster.kubectlAs(identity, args, { input: input === undefined ? undefined : stringify(input) });
        const error = await attempt.then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof Error, `${identity}: kubectl ${args.join(" ")} was allowed`);
        return error.message;
    };
    const create = (_object: object) => ["create", "-f", "-", "-o", "name"];
    /** RBAC's refusal, as the API server words it. */
    const forbidden = (user: string, verb: string, resource: string, namespace?: string) =>
        new RegExp(`is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "[^"]*" ${namespace ? `in the namespace "${namespace}"` : "at the cluster scope"}`);
    const denied = (policy: string, message: RegExp) => new RegExp(`ValidatingAdmissionPolicy '${policy}' with binding '${policy}' denied request: ${message.source}`);

    const service = (namespace: string, spec: Record<string, unknown>) => ({
        apiVersion: "v1", kind: "Service", metadata: { name: `probe-${randomBytes(3).toString("hex")}`, namespace },
        spec: { selector: { app: "x" }, ports: [{ port: 80 }], ...spec },
    });
    const ingress = (namespace: string, host: string, annotations: Record<string, string> = {}) => ({
        apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: `probe-${randomBytes(3).toString("hex")}`, namespace, annotations },
        spec: { rules: [{ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web-server", port: { number: 80 } } } }] } }] },
    });
    const ownHost = `probe-pr-7.${sharedDomain}`;

    test("set-up: the shared stack, then pr-7 as the review stacks and dev-alice as alice, each with its own identity", async () => {
        await tier.engine.ok("up", "dev", sharedStack(tier.cluster, secrets));
        provisionReviewNamespace(tier.cluster, "pr-7");
        await tier.engine.ok("up", "pr-7", tenantStack(tier.cluster, "review-stacks", tenantSecrets));
        await tier.engine.ok("up", "dev-alice", tenantStack(tier.cluster, "alice", tenantSecrets));
        await tier.cluster.kubectlAs("bob", ["create", "secret", "generic", "bobs-secret", "-n", "dev-bob", "--from-literal=password=bob-only"]);
        for (const namespace of ["pr-7", "dev-alice"]) {
            const deployments = await tier.cluster.getJson<KubeList>(["get", "deployments", "-n", namespace]);
            assert.deepEqual(deployments.items.map((d) => d.metadata.name).sort(), ["nginx", "web-server"], namespace);
        }
    });

    describe("refused: what a tenant could try", () => {
        test("the review stacks raise their own quota", async () => {
            const reason = await refused("review-stacks", ["patch", "resourcequota", "tenant", "-n", "pr-7", "--type=merge", "-p", '{"spec":{"hard":{"pods":"500"}}}']);
            assert.match(reason, forbidden("review-stacks", "patch", "resourcequotas", "pr-7"));
        });

        test("the review stacks delete their LimitRange", async () => {
            assert.match(await refused("review-stacks", ["delete", "limitrange", "tenant-defaults", "-n", "pr-7"]), forbidden("review-stacks", "delete", "limitranges", "pr-7"));
        });

        test("a developer raises her own quota", async () => {
            const reason = await refused("alice", ["patch", "resourcequota", "tenant", "-n", "dev-alice", "--type=merge", "-p", '{"spec":{"hard":{"pods":"500"}}}']);
            assert.match(reason, forbidden("alice", "patch", "resourcequotas", "dev-alice"));
        });

        test("a LoadBalancer Service where the quota admits none (the review stacks, and a developer too)", async () => {
            const message = /a tenant Service may not be a LoadBalancer here/;
            assert.match(await refused("review-stacks", create(service("pr-7", { type: "LoadBalancer" })), service("pr-7", { type: "LoadBalancer" })), denied("webstack-tenant-namespaces", message));
            assert.match(await refused("alice", create(service("dev-alice", { type: "LoadBalancer" })), service("dev-alice", { type: "LoadBalancer" })), denied("webstack-tenant-namespaces", message));
        });

        test("a NodePort Service", async () => {
            const probe = service("pr-7", { type: "NodePort" });
            assert.match(await refused("review-stacks", create(probe), probe), denied("webstack-tenant-namespaces", /a tenant Service may not be a NodePort/));
        });

        test("a Service with externalIPs (CVE-2020-8554)", async () => {
            const probe = service("pr-7", { externalIPs: ["10.96.0.10"] });
            assert.match(await refused("review-stacks", create(probe), probe), denied("webstack-tenant-namespaces", /a tenant Service may not set externalIPs/));
        });

        test("an Ingress for another host: the shared stack's", async () => {
            const probe = ingress("pr-7", `web.${sharedDomain}`);
            assert.match(await refused("review-stacks", create(probe), probe), denied("webstack-tenant-namespaces", /a tenant Ingress may only serve its own hosts, <app>-pr-7\.dev\.example\.com/));
        });

        test("an Ingress on another tenant's host: a developer's, and another pull request's", async () => {
            for (const host of [`web-server-dev-alice.${sharedDomain}`, `web-server-pr-17.${sharedDomain}`, `web-server.pr-7.${sharedDomain}`]) {
                const probe = ingress("pr-7", host);
                assert.match(await refused("review-stacks", create(probe), probe), denied("webstack-tenant-namespaces", /a tenant Ingress may only serve its own hosts/), host);
            }
            const probe = ingress("dev-alice", `nginx-pr-7.${sharedDomain}`);
            assert.match(await refused("alice", create(probe), probe), denied("webstack-tenant-namespaces", /a tenant Ingress may only serve its own hosts, <app>-dev-alice\.dev\.example\.com/));
        });

        test("an Ingress that outranks others with a Traefik router priority (a longer path of another host)", async () => {
            const probe = ingress("pr-7", ownHost, { "traefik.ingress.kubernetes.io/router.priority": "100000" });
            assert.match(await refused("review-stacks", create(probe), probe), denied("webstack-tenant-namespaces", /a tenant Ingress may not set a Traefik router priority or external-dns annotations/));
        });

        test("an Ingress with external-dns annotations publishing any name", async () => {
            for (const annotation of ["external-dns.alpha.kubernetes.io/hostname", "external-dns.alpha.kubernetes.io/target"]) {
                const probe = ingress("pr-7", ownHost, { [annotation]: `web.${sharedDomain}` });
                assert.match(await refused("review-stacks", create(probe), probe), denied("webstack-tenant-namespaces", /a tenant Ingress may not set a Traefik router priority or external-dns annotations/), annotation);
            }
        });

        test("egress to 0.0.0.0/0 without the cloud metadata server excepted", async () => {
            const probe = {
                apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "probe-egress", namespace: "pr-7" },
                spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] },
            };
            assert.match(await refused("review-stacks", create(probe), probe), denied("webstack-tenant-namespaces", /a tenant NetworkPolicy may open egress to an IP block only with the cloud metadata server \(169\.254\.169\.254\) in its except list/));
        });

        test("pods/exec into another namespace's pod", async () => {
            const pod = (await tier.cluster.getJson<KubeList>(["get", "pods", "-n", "web", "-l", "app.kubernetes.io/name=web-server"])).items[0].metadata.name;
            // kubectl reads the pod first, which is refused already; the exec subresource itself is not granted either.
            assert.match(await refused("review-stacks", ["exec", "-n", "web", pod, "--", "true"]), forbidden("review-stacks", "get", "pods", "web"));
            const canExec = await tier.cluster.kubectlAs("review-stacks", ["auth", "can-i", "create", "pods", "--subresource=exec", "-n", "web"]).then((out) => out.trim(), () => "no");
            assert.equal(canExec, "no");
        });

        test("a service account token of another namespace", async () => {
            assert.match(await refused("review-stacks", ["create", "token", "default", "-n", "kube-system"]), forbidden("review-stacks", "create", "serviceaccounts/token", "kube-system"));
        });

        test("deleting another tenant's namespace", async () => {
            assert.match(await refused("review-stacks", ["delete", "namespace", "dev-alice"]), forbidden("review-stacks", "delete", "namespaces", "dev-alice"));
        });

        test("a developer reading another developer's Secrets", async () => {
            assert.match(await refused("alice", ["get", "secrets", "-n", "dev-bob"]), forbidden("alice", "list", "secrets", "dev-bob"));
            assert.match(await refused("alice", ["get", "secret", "bobs-secret", "-n", "dev-bob"]), forbidden("alice", "get", "secrets", "dev-bob"));
        });

        test("the review stacks creating a namespace of their own (only trusted code provisions them)", async () => {
            assert.match(await refused("review-stacks", ["create", "namespace", "pr-8"]), forbidden("review-stacks", "create", "namespaces"));
        });

        test("the review stacks granting themselves admin in their namespace", async () => {
            assert.match(await refused("review-stacks", ["create", "rolebinding", "mine", "-n", "pr-7", "--clusterrole=admin", "--user=review-stacks"]), forbidden("review-stacks", "create", "rolebindings", "pr-7"));
        });

        test("the sweep deleting a namespace that is not a tenant's", async () => {
            assert.match(await refused("stack-sweeper", ["delete", "namespace", "web"]), denied("webstack-sweepers", /this identity may only change namespaces matching/));
        });

        test("the sweep provisioning a namespace that would not enforce Pod Security restricted", async () => {
            const probe = { apiVersion: "v1", kind: "Namespace", metadata: { name: "pr-9", labels: { "webstack.dev/tenant-stack": "pr-9" } } };
            assert.match(await refused("stack-sweeper", create(probe), probe), denied("webstack-sweepers", /a tenant namespace must enforce Pod Security restricted/));
        });

        test("the previewer reading Secrets, or a pod's log", async () => {
            assert.match(await refused("previewer", ["get", "secrets", "-n", "web"]), forbidden("previewer", "list", "secrets", "web"));
            const pod = (await tier.cluster.getJson<KubeList>(["get", "pods", "-n", "web", "-l", "app.kubernetes.io/name=nginx"])).items[0].metadata.name;
            assert.match(await refused("previewer", ["logs", "-n", "web", pod]), forbidden("previewer", "get", "pods/log", "web"));
        });
    });

    describe("allowed: what each identity is for", () => {
        test("the review stacks' own Deployment, in their namespace (their pulumi up made it, Available)", async () => {
            const deployment = await tier.cluster.getJson(["get", "deployment", "web-server", "-n", "pr-7"]);
            assert.ok(((deployment.status?.conditions ?? []) as { type: string; status: string }[]).some((c) => c.type === "Available" && c.status === "True"));
            const probe = {
                apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "probe", namespace: "pr-7" },
                spec: { selector: { matchLabels: { a: "b" } }, template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "c", image: "nginx:1.27" }] } } },
            };
            await tier.cluster.kubectlAs("review-stacks", ["create", "--dry-run=server", "-f", "-"], { input: stringify(probe) });
        });

        test("an Ingress on the review stack's own host", async () => {
            const own = ingress("pr-7", ownHost);
            await tier.cluster.kubectlAs("review-stacks", ["create", "--dry-run=server", "-f", "-"], { input: stringify(own) });
            const hosts = (await tier.cluster.getJson<KubeList>(["get", "ingresses", "-n", "pr-7"])).items.flatMap((i) => (i.spec as { rules: { host: string }[] }).rules.map((r) => r.host));
            assert.deepEqual(hosts.sort(), [`nginx-pr-7.${sharedDomain}`, `web-server-pr-7.${sharedDomain}`]);
        });

        test("the review stacks' own Secret, and a developer's in her namespace", async () => {
            await tier.cluster.kubectlAs("review-stacks", ["create", "secret", "generic", "own-secret", "-n", "pr-7", "--from-literal=k=v"]);
            await tier.cluster.kubectlAs("alice", ["create", "secret", "generic", "own-secret", "-n", "dev-alice", "--from-literal=k=v"]);
            assert.equal((await tier.cluster.kubectlAs("alice", ["get", "secret", "own-secret", "-n", "dev-alice", "-o", "jsonpath={.data.k}"])).trim(), Buffer.from("v").toString("base64"));
        });

        test("the sweep provisions a pull request's namespace, and removes it whole", async () => {
            provisionReviewNamespace(tier.cluster, "pr-8");
            const quota = await tier.cluster.getJson(["get", "resourcequota", "tenant", "-n", "pr-8"]);
            assert.equal((quota.spec as { hard: Record<string, string> }).hard["services.loadbalancers"], "0");
            await tier.cluster.kubectlAs("stack-sweeper", ["delete", "namespace", "pr-8", "--wait=false"]);
            await waitFor("pr-8 to be gone", async () => ((await tier.cluster.kubectl(["get", "namespaces", "-o", "name"])).includes("namespace/pr-8") ? undefined : true));
        });

        test("the previewer reads what a preview reads", async () => {
            assert.equal((await tier.cluster.kubectlAs("previewer", ["get", "deployments", "-n", "web", "-o", "name"])).trim().split("\n").length, 2);
            await tier.cluster.kubectlAs("previewer", ["get", "resourcequota", "-n", "pr-7"]);
        });
    });
});
