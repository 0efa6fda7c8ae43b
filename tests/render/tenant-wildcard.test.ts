import assert from "node:assert/strict";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { evaluate } from "@marcbachmann/cel-js";
import { stringify } from "yaml";
import { projectDir } from "../../infra/config/project";
import { pulumiMocks } from "../../tools/mocks/pulumi";
import type { RenderResult } from "../../tools/render/render";
import { chartsOf, one, ofType, onEks, ref, renderStack, stackFileConfig, variant } from "../support/render";
import { kubernetesTypes as T } from "../support/types";

/** Recorded inputs are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

const cloudDns = { provider: "cloud-dns", zone: "dev-example-com" };
const route53 = { provider: "route53", zone: "Z0123456789ABCDEFGHIJ" };
const domain = stackFileConfig("dev")["webstack:domain"] as string;
const project = stackFileConfig("dev")["gcp:project"] as string;
const challenge = `_acme-challenge.${domain}`;

const renders = {
    gke: () => renderStack("dev", { configFile: variant("dev", { "webstack:dns": cloudDns }) }),
    eks: () => renderStack("dev", { configFile: onEks("dev", {}, { "webstack:dns": route53 }) }),
    prodGke: () => renderStack("prod", { configFile: variant("prod", { "webstack:dns": cloudDns }) }),
    without: () => renderStack("dev"),
};

const certificates = (r: RenderResult) => ofType(r, T.certificate);
const issuerResource = (r: RenderResult, name: string) => ofType(r, T.clusterIssuer).find((c) => (c.inputs as Obj).metadata.name === name)!;
const issuer = (r: RenderResult, name: string): Obj => issuerResource(r, name).inputs;
const chartValues = (r: RenderResult, chart: string): Obj => one(r, T.chart, chartsOf(r, chart)[0]?.name).inputs.values;

/** The solver cert-manager picks for a name (its rule: a solver whose dnsNames selector lists the name, else the unselected one). */
function solverFor(clusterIssuer: Obj, name: string): Obj {
    const solvers: Obj[] = clusterIssuer.spec.acme.solvers;
    return solvers.find((s) => s.selector?.dnsNames?.includes(name)) ?? solvers.find((s) => s.selector === undefined);
}

/** Whether an IAM condition admits a call on `resource` (IAM evaluates it as CEL over `resource.type` and `resource.name`). */
const conditionAdmits = (expression: string, resource: { type: string; name: string }) => evaluate(expression, { resource }) === true;
const recordSet = (name: string, type: string) => ({ type: "dns.googleapis.com/ResourceRecordSet", name: `projects/${project}/managedZones/${cloudDns.zone}/rrsets/${name}./${type}` });

/** Whether an IAM policy lets a ChangeResourceRecordSets batch through: IAM's ForAllValues over the batch's names and types. */
function route53Allows(policy: Obj, zoneArn: string, change: { names: string[]; types: string[] }): boolean {
    const like = (pattern: string, value: string) => new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.?+^$()[\]{}|\\]/g, "\\$&")).join(".*")}$`).test(value);
    const values: Record<string, string[]> = { "route53:ChangeResourceRecordSetsNormalizedRecordNames": change.names, "route53:ChangeResourceRecordSetsRecordTypes": change.types };
    return policy.Statement.some((s: Obj) => s.Effect === "Allow" && [s.Action].flat().includes("route53:ChangeResourceRecordSets") && s.Resource === zoneArn
        && Object.entries(s.Condition ?? {}).every(([operator, keys]) => Object.entries(keys as Record<string, string[]>).every(([key, allowed]) =>
            (values[key] ?? []).every((v) => allowed.some((a) => (operator.endsWith("StringLike") ? like(a, v) : a === v))))));
}

describe("the shared stack's wildcard certificate for its tenants (webstack:dns)", () => {
    for (const [label, render, solverKey] of [["GKE + Cloud DNS", renders.gke, "cloudDNS"], ["EKS + Route 53", renders.eks, "route53"]] as const) {
        test(`${label}: one Certificate *.<domain> from letsencrypt-prod, whose challenge letsencrypt-prod answers by DNS-01 in the zone`, async () => {
            const r = await render();
            const [wildcard, ...more] = certificates(r);
            assert.ok(wildcard && more.length === 0, "one Certificate, for every tenant");
            const spec = (wildcard.inputs as Obj).spec;
            assert.deepEqual(spec.dnsNames, [`*.${domain}`, domain]);
            assert.deepEqual(spec.issuerRef, { kind: "ClusterIssuer", name: "letsencrypt-prod" });
            const prod = issuer(r, "letsencrypt-prod");
            const dns01 = solverFor(prod, `*.${domain}`).dns01;
            assert.ok(dns01?.[solverKey], `the wildcard's solver is ${solverKey}`);
            if (solverKey === "cloudDNS") assert.deepEqual(dns01.cloudDNS, { project });
            else assert.deepEqual(dns01.route53, { region: "eu-west-1", hostedZoneID: route53.zone });
            assert.ok(solverFor(prod, `web.${domain}`).http01, "every other name is still proven by HTTP-01");
            assert.ok(solverFor(issuer(r, "letsencrypt-staging"), `*.${domain}`).http01, "staging has no DNS-01: nothing asks it for a wildcard");
            assert.ok(wildcard.dependsOn.includes(ref(issuerResource(r, "letsencrypt-prod"))), "issued once the issuer exists");
            assert.equal((wildcard.inputs as Obj).metadata.annotations["pulumi.com/waitFor"], "condition=Ready", "up waits until it is issued");
        });

        test(`${label}: Traefik's default TLS store serves that Certificate's Secret, in its own namespace`, async () => {
            const r = await render();
            const certificate = certificates(r)[0].inputs as Obj;
            const traefik = chartsOf(r, "traefik")[0];
            assert.equal(certificate.metadata.namespace, traefik.inputs.namespace, "a TLSStore reads Secrets of its own namespace");
            assert.deepEqual((traefik.inputs as Obj).values.tlsStore, { default: { defaultCertificate: { secretName: certificate.spec.secretName } } });
        });
    }

    test("GKE: cert-manager's own identity may change the one TXT record _acme-challenge.<domain>, and nothing else", async () => {
        const r = await renders.gke();
        const account = ofType(r, "gcp:serviceaccount/account:Account").find((a) => a.name.endsWith("-cert-manager-acme"))!;
        const member = `serviceAccount:${(account.inputs as Obj).accountId}@${project}.iam.gserviceaccount.com`;
        const grants = ofType(r, "gcp:dns/dnsManagedZoneIamMember:DnsManagedZoneIamMember").filter((g) => (g.inputs as Obj).member === member);
        assert.equal(grants.length, 1);
        const grant = grants[0].inputs as Obj;
        assert.equal(grant.managedZone, cloudDns.zone);
        const admits = (resource: { type: string; name: string }) => conditionAdmits(grant.condition.expression, resource);
        assert.equal(admits(recordSet(challenge, "TXT")), true, "the challenge record");
        for (const [name, type] of [[domain, "A"], [`web.${domain}`, "A"], [`web-server-pr-7.${domain}`, "CNAME"], [challenge, "CNAME"], [`_acme-challenge.web.${domain}`, "TXT"], [`x${challenge}`, "TXT"]]) {
            assert.equal(admits(recordSet(name, type)), false, `${name} ${type}`);
        }
        assert.equal(admits({ type: "dns.googleapis.com/ManagedZone", name: `projects/${project}/managedZones/${cloudDns.zone}` }), true, "the zone itself: to submit the change and follow it");
        const values = chartValues(r, "cert-manager");
        assert.equal(values.serviceAccount.annotations["iam.gke.io/gcp-service-account"], `${(account.inputs as Obj).accountId}@${project}.iam.gserviceaccount.com`);
        const binding = ofType(r, "gcp:serviceaccount/iAMMember:IAMMember").find((b) => b.name.includes("-cert-manager-acme"))!;
        assert.equal((binding.inputs as Obj).member, `serviceAccount:${project}.svc.id.goog[cert-manager/cert-manager]`, "only cert-manager's ServiceAccount");
        const chart = chartsOf(r, "cert-manager")[0];
        for (const g of [grants[0], binding]) assert.ok(chart.dependsOn.includes(ref(g)), `cert-manager starts after ${g.name}`);
    });

    test("EKS: cert-manager's IRSA role may change the one TXT record _acme-challenge.<domain>, and nothing else", async () => {
        const r = await renders.eks();
        const role = ofType(r, "aws:iam/role:Role").find((x) => x.name.endsWith("-cert-manager-acme"))!;
        const trust = JSON.parse((role.inputs as Obj).assumeRolePolicy).Statement[0];
        assert.ok(Object.entries(trust.Condition.StringEquals).some(([k, v]) => k.endsWith(":sub") && v === "system:serviceaccount:cert-manager:cert-manager"));
        const policy = JSON.parse((ofType(r, "aws:iam/rolePolicy:RolePolicy").find((p) => p.name.includes("-cert-manager-acme"))!.inputs as Obj).policy);
        const zoneArn = `arn:aws:route53:::hostedzone/${route53.zone}`;
        assert.equal(route53Allows(policy, zoneArn, { names: [challenge], types: ["TXT"] }), true, "the challenge record");
        for (const change of [{ names: [domain], types: ["A"] }, { names: [`web.${domain}`], types: ["TXT"] }, { names: [challenge], types: ["CNAME"] }, { names: [challenge, `web.${domain}`], types: ["TXT"] }]) {
            assert.equal(route53Allows(policy, zoneArn, change), false, JSON.stringify(change));
        }
        assert.equal(route53Allows(policy, "arn:aws:route53:::hostedzone/ZOTHERZONE", { names: [challenge], types: ["TXT"] }), false, "another zone");
        assert.ok(!policy.Statement.some((s: Obj) => s.Resource === "*"), "nothing unscoped: it is given the zone's ID");
        assert.match(chartValues(r, "cert-manager").serviceAccount.annotations["eks.amazonaws.com/role-arn"], /:role\//);
    });

    test("prod keeps per-host certificates: no tenants, no wildcard", async () => {
        const r = await renders.prodGke();
        assert.deepEqual(certificates(r), []);
        assert.equal(chartValues(r, "traefik").tlsStore, undefined);
        assert.equal(r.outputs.tenantWildcardDomain, undefined);
    });

    test("the shared stack's own apps keep their own certificates from their issuer", async () => {
        const r = await renders.gke();
        const ingress = one(r, T.ingress, "web-server").inputs as Obj;
        assert.ok(ingress.metadata.annotations["cert-manager.io/cluster-issuer"]);
        assert.ok(ingress.spec.tls[0].secretName);
        assert.equal(r.outputs.tenantWildcardDomain, domain, "tenants read where the wildcard applies");
    });
});

describe("without webstack:dns, tenants keep per-host staging certificates", () => {
    test("no wildcard, no DNS-01, no default certificate, no cert-manager identity", async () => {
        const r = await renders.without();
        assert.deepEqual(certificates(r), []);
        assert.ok(issuer(r, "letsencrypt-prod").spec.acme.solvers.every((s: Obj) => s.http01 && !s.dns01));
        assert.equal(chartValues(r, "traefik").tlsStore, undefined);
        assert.equal(chartValues(r, "cert-manager").serviceAccount, undefined);
        assert.equal(r.outputs.tenantWildcardDomain, undefined);
        for (const stack of ["dev-demo", "pr-42"]) {
            for (const ingress of ofType(await renderStack(stack), T.ingress)) {
                const inputs = ingress.inputs as Obj;
                assert.equal(inputs.metadata.annotations["cert-manager.io/cluster-issuer"], "letsencrypt-staging", `${stack}/${ingress.name}`);
                assert.equal(inputs.spec.tls[0].secretName, `${ingress.name}-tls`);
            }
        }
    });
});

describe("a tenant of a shared stack with the wildcard", () => {
    /** A project whose dev stack file has webstack:dns: the tenant's StackReference reads that stack. */
    function projectWithDns(): string {
        const dir = mkdtempSync(join(tmpdir(), "webstack-wildcard-"));
        copyFileSync(join(projectDir, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
        writeFileSync(join(dir, "Pulumi.dev.yaml"), stringify({ config: { ...stackFileConfig("dev"), "webstack:dns": cloudDns } }));
        return dir;
    }
    const dir = projectWithDns();

    for (const stack of ["pr-42", "dev-demo"]) {
        test(`${stack}: each Ingress asks for TLS on its host and names no issuer and no Secret: Traefik serves the wildcard`, async () => {
            const r = await renderStack(stack, { projectDir: dir });
            const ingresses = ofType(r, T.ingress);
            assert.ok(ingresses.length > 0);
            for (const ingress of ingresses) {
                const inputs = ingress.inputs as Obj;
                const host = inputs.spec.rules[0].host as string;
                assert.equal(host, `${ingress.name}-${stack}.${domain}`);
                assert.deepEqual(inputs.spec.tls, [{ hosts: [host] }]);
                assert.equal(inputs.metadata.annotations["cert-manager.io/cluster-issuer"], undefined);
                assert.equal(((r.outputs.apps as Obj)[ingress.name]).certificate, "wildcard");
            }
            assert.deepEqual(certificates(r), [], "no issuance of its own");
        });
    }
});

describe("the render mocks' shared stack exports the wildcard domain when the real one does", () => {
    /** A project whose dev stack file is dev's with `changes`; undefined values remove a key. */
    function project(changes: Record<string, unknown>): string {
        const dir = mkdtempSync(join(tmpdir(), "webstack-shared-"));
        copyFileSync(join(projectDir, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
        const config: Record<string, unknown> = { ...stackFileConfig("dev"), ...changes };
        for (const [key, value] of Object.entries(changes)) if (value === undefined) delete config[key];
        writeFileSync(join(dir, "Pulumi.dev.yaml"), stringify({ config }));
        return dir;
    }
    /** What a tenant's StackReference to dev reads in the mocks. */
    const mockOutputs = (dir: string) => pulumiMocks.resources["pulumi:pulumi:StackReference"]({ inputs: { name: "organization/webstack/dev" } } as never, { stack: "pr-42", project: "webstack", config: {}, projectDir: dir }).outputs as Obj;
    const cluster = stackFileConfig("dev")["webstack:cluster"] as Obj;

    for (const [label, changes] of [
        ["with developers, review stacks and sweepers", { "webstack:dns": cloudDns }],
        ["with review stacks only", { "webstack:dns": cloudDns, "webstack:cluster": { ...cluster, developers: [] }, "webstack:access": { reviewStacks: ["serviceAccount:review-stacks@acme-webstack-dev.iam.gserviceaccount.com"] } }],
        ["hosting no tenants", { "webstack:dns": cloudDns, "webstack:cluster": { ...cluster, developers: [] }, "webstack:access": undefined }],
        ["without a zone", {}],
    ] as const) {
        test(`dev ${label}`, async () => {
            const dir = project(changes);
            const real = await renderStack("dev", { projectDir: dir });
            assert.equal(mockOutputs(dir).tenantWildcardDomain, real.outputs.tenantWildcardDomain);
        });
    }

    test("the real shared stack exports it only where tenants are hosted and a zone answers DNS-01", async () => {
        const hosting = await renderStack("dev", { projectDir: project({ "webstack:dns": cloudDns }) });
        const none = await renderStack("dev", { projectDir: project({ "webstack:dns": cloudDns, "webstack:cluster": { ...cluster, developers: [] }, "webstack:access": undefined }) });
        assert.equal(hosting.outputs.tenantWildcardDomain, domain);
        assert.equal(none.outputs.tenantWildcardDomain, undefined);
        assert.deepEqual(certificates(none), [], "no wildcard Certificate either");
    });
});
