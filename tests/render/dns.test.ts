import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RecordedResource } from "../../tools/render/recorder";
import type { RenderResult } from "../../tools/render/render";
import { cloudDnsProjectPermissions, cloudDnsRecordPermissions } from "../../infra/platform/dns/cloudDnsIdentity";
import { wildcardRecord } from "../../infra/platform/wildcardRecord";
import { awsRegion, chartsOf, one, ofType, onEks, ref, renderStack, stackFileConfig, variant } from "../support/render";
import { kubernetesTypes as T } from "../support/types";

/** Recorded inputs are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const cloudDns = { provider: "cloud-dns", zone: "dev-example-com" };
const route53 = { provider: "route53", zone: "Z0123456789ABCDEFGHIJ" };
const domain = stackFileConfig("dev")["webstack:domain"] as string;
const project = stackFileConfig("dev")["gcp:project"] as string;

const renders = {
    gke: () => renderStack("dev", { configFile: variant("dev", { "webstack:dns": cloudDns }) }),
    eks: () => renderStack("dev", { configFile: onEks("dev", {}, { "webstack:dns": route53 }) }),
    gkeWithout: () => renderStack("dev"),
    eksWithout: () => renderStack("dev", { configFile: onEks("dev") }),
};

const externalDnsCharts = (r: RenderResult) => chartsOf(r, "external-dns");
const externalDnsChart = (r: RenderResult): RecordedResource => {
    const [chart, ...more] = externalDnsCharts(r);
    assert.ok(chart && more.length === 0, "one external-dns chart");
    return chart;
};
const values = (r: RenderResult): Obj => externalDnsChart(r).inputs.values;
const inputs = (r: RenderResult, type: string): Obj[] => ofType(r, type).map((x) => x.inputs);

describe("DNS: external-dns, opt-in with webstack:dns", () => {
    for (const [label, render, provider] of [["GKE + Cloud DNS", renders.gke, "google"], ["EKS + Route 53", renders.eks, "aws"]] as const) {
        test(`${label}: the pinned chart watches traefik Ingresses and writes records for the domain into the one zone`, async () => {
            const r = await render();
            const chart = externalDnsChart(r);
            assert.equal(chart.inputs.version, "1.21.1");
            assert.deepEqual(chart.inputs.repositoryOpts, { repo: "https://kubernetes-sigs.github.io/external-dns" });
            assert.equal(chart.inputs.name, "external-dns", "release named after the chart: its ServiceAccount is external-dns");
            assert.equal(chart.inputs.namespace, "external-dns");
            const ns = ofType(r, T.namespace).find((n) => (n.inputs as Obj).metadata.name === "external-dns")!;
            assert.equal((ns.inputs as Obj).metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
            const v = values(r);
            assert.equal(v.provider.name, provider);
            assert.deepEqual(v.sources, ["ingress"]);
            assert.deepEqual(v.domainFilters, [domain]);
            assert.equal(v.policy, "sync");
            assert.equal(v.registry, "txt");
            assert.equal(v.txtOwnerId, "webstack-dev");
            const zone = (label.startsWith("GKE") ? cloudDns : route53).zone;
            assert.ok(v.extraArgs.includes(`--zone-id-filter=${zone}`), v.extraArgs.join(" "));
            // Only Ingresses of the class the platform installs: the app Ingresses carry it.
            const ingressClass = (one(r, T.ingress, "web-server").inputs as Obj).spec.ingressClassName;
            assert.ok(v.extraArgs.includes(`--ingress-class=${ingressClass}`), v.extraArgs.join(" "));
            assert.ok(v.resources.requests.cpu && v.resources.limits.memory);
            // The app's host is one external-dns writes: under the domain filter.
            const host = (one(r, T.ingress, "web-server").inputs as Obj).spec.rules[0].host as string;
            assert.ok(host.endsWith(`.${domain}`), host);
        });
    }

    test("GKE: Workload Identity binds external-dns's ServiceAccount, and only it, to a Google service account", async () => {
        const r = await renders.gke();
        const [account] = ofType(r, "gcp:serviceaccount/account:Account").filter((a) => a.name.endsWith("-external-dns"));
        const email = `${(account.inputs as Obj).accountId}@${project}.iam.gserviceaccount.com`;
        assert.equal(values(r).serviceAccount.annotations["iam.gke.io/gcp-service-account"], email);
        const [binding] = ofType(r, "gcp:serviceaccount/iAMMember:IAMMember").filter((b) => b.name.includes("-external-dns"));
        assert.equal((binding.inputs as Obj).role, "roles/iam.workloadIdentityUser");
        assert.equal((binding.inputs as Obj).member, `serviceAccount:${project}.svc.id.goog[external-dns/external-dns]`);
        assert.ok(binding.dependsOn.includes(ref(account)), "granted on external-dns's account");
        assert.ok(binding.dependsOn.some((d) => d.startsWith("gcp:container/cluster:Cluster::")), "the pool exists once the cluster does");
        assert.ok(values(r).extraArgs.includes(`--google-project=${project}`));
    });

    test("GKE: least privilege: record changes on the one zone, zone listing on the project, nothing else", async () => {
        const r = await renders.gke();
        const roles = Object.fromEntries(inputs(r, "gcp:projects/iAMCustomRole:IAMCustomRole").map((role) => [`projects/${project}/roles/${role.roleId}`, role.permissions]));
        const member = `serviceAccount:${(ofType(r, "gcp:serviceaccount/account:Account").find((a) => a.name.endsWith("-external-dns"))!.inputs as Obj).accountId}@${project}.iam.gserviceaccount.com`;
        const zoneGrants = inputs(r, "gcp:dns/dnsManagedZoneIamMember:DnsManagedZoneIamMember").filter((g) => g.member === member);
        assert.deepEqual(zoneGrants.map((g) => [g.managedZone, g.condition]), [[cloudDns.zone, undefined]], "the whole zone: external-dns filters by domain itself");
        assert.deepEqual(roles[zoneGrants[0].role], [...cloudDnsRecordPermissions]);
        const projectGrants = inputs(r, "gcp:projects/iAMMember:IAMMember").filter((g) => g.member === member);
        assert.equal(projectGrants.length, 1, "one project-level grant");
        assert.deepEqual(roles[projectGrants[0].role], [...cloudDnsProjectPermissions]);
        assert.deepEqual([...cloudDnsProjectPermissions], ["dns.managedZones.list"]);
        for (const permission of cloudDnsRecordPermissions) assert.match(permission, /^dns\.(changes|resourceRecordSets)\./);
        const chart = externalDnsChart(r);
        for (const grant of [...ofType(r, "gcp:dns/dnsManagedZoneIamMember:DnsManagedZoneIamMember"), ...ofType(r, "gcp:serviceaccount/iAMMember:IAMMember")].filter((g) => g.name.includes("-external-dns"))) {
            assert.ok(chart.dependsOn.includes(ref(grant)), `external-dns starts after ${ref(grant)}`);
        }
    });

    test("EKS: an IRSA role only external-dns's ServiceAccount can assume, changing records under the domain in the one zone", async () => {
        const r = await renders.eks();
        const role = ofType(r, "aws:iam/role:Role").find((x) => x.name.endsWith("-external-dns"))!;
        const trust = JSON.parse((role.inputs as Obj).assumeRolePolicy);
        const [statement] = trust.Statement;
        assert.equal(statement.Action, "sts:AssumeRoleWithWebIdentity");
        assert.match(statement.Principal.Federated, /:oidc-provider\/oidc\.eks\./);
        const issuer = Object.keys(statement.Condition.StringEquals).find((k) => k.endsWith(":sub"))!.slice(0, -":sub".length);
        assert.deepEqual(statement.Condition.StringEquals, { [`${issuer}:sub`]: "system:serviceaccount:external-dns:external-dns", [`${issuer}:aud`]: "sts.amazonaws.com" });
        assert.match(values(r).serviceAccount.annotations["eks.amazonaws.com/role-arn"], new RegExp(`:role/${(role.inputs as Obj).name ?? role.name}`));

        const policyResource = ofType(r, "aws:iam/rolePolicy:RolePolicy").find((x) => x.name.includes("external-dns"))!;
        assert.ok(policyResource.dependsOn.includes(ref(role)));
        const policy = JSON.parse((policyResource.inputs as Obj).policy);
        const zoneArn = `arn:aws:route53:::hostedzone/${route53.zone}`;
        const byAction = (action: string) => policy.Statement.filter((s: Obj) => s.Action.includes(action));
        assert.deepEqual(byAction("route53:ChangeResourceRecordSets").map((s: Obj) => s.Resource), [zoneArn]);
        const [change] = byAction("route53:ChangeResourceRecordSets");
        assert.deepEqual(change.Condition["ForAllValues:StringLike"]["route53:ChangeResourceRecordSetsNormalizedRecordNames"], [domain, `*.${domain}`]);
        assert.deepEqual(byAction("route53:ListResourceRecordSets").map((s: Obj) => s.Resource), [zoneArn]);
        const unscoped = policy.Statement.filter((s: Obj) => s.Resource === "*");
        assert.deepEqual(unscoped.map((s: Obj) => s.Action), [["route53:ListHostedZones"]], "only zone listing, which has no resource scope");
        assert.equal(ofType(r, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => a.name.startsWith(role.name)).length, 0, "no managed policy on top");
        assert.ok(values(r).env.some((e: Obj) => e.name === "AWS_DEFAULT_REGION" && e.value === awsRegion));
        assert.ok(externalDnsChart(r).dependsOn.includes(ref(policyResource)), "external-dns starts after its permissions");
    });

    test("a stack with webstack:dns exports no record to create by hand", async () => {
        for (const render of [renders.gke, renders.eks]) assert.equal((await render()).outputs.dnsRecord, undefined);
    });
});

describe("DNS: without webstack:dns", () => {
    test("no external-dns, and the stack exports the one wildcard record to create: A on GKE, CNAME on EKS", async () => {
        for (const [render, type] of [[renders.gkeWithout, "A"], [renders.eksWithout, "CNAME"]] as const) {
            const r = await render();
            assert.equal(externalDnsCharts(r).length, 0);
            assert.equal(ofType(r, "webstack:platform:ExternalDns").length, 0);
            assert.deepEqual(r.outputs.dnsRecord, { name: `*.${domain}`, type, value: r.outputs.ingressAddress });
        }
    });

    test("the record covers tenant hosts (two labels below the domain) and waits for an address", () => {
        assert.equal(wildcardRecord("dev.example.com", undefined), undefined);
        assert.deepEqual(wildcardRecord("example.com", "203.0.113.9"), { name: "*.example.com", type: "A", value: "203.0.113.9" });
        assert.equal(wildcardRecord("example.com", "2001:db8::1")?.type, "A");
        assert.equal(wildcardRecord("example.com", "k8s-lb.elb.eu-west-1.amazonaws.com")?.type, "CNAME");
    });
});

describe("DNS: tenant stacks need nothing extra", () => {
    test("a tenant installs no external-dns; its hosts are under the shared stack's domain filter and on its ingress class", async () => {
        const shared = values(await renders.gke());
        for (const stack of ["dev-demo", "pr-42"]) {
            const r = await renderStack(stack);
            assert.equal(externalDnsCharts(r).length, 0, stack);
            assert.equal(r.outputs.dnsRecord, undefined, stack);
            for (const ingress of ofType(r, T.ingress)) {
                const spec = (ingress.inputs as Obj).spec;
                assert.ok(shared.domainFilters.some((d: string) => spec.rules[0].host.endsWith(`.${d}`)), `${stack}: ${spec.rules[0].host}`);
                assert.ok(shared.extraArgs.includes(`--ingress-class=${spec.ingressClassName}`), stack);
            }
        }
    });
});
