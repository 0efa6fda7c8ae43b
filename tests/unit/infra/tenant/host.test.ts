import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { dnsLabelPattern } from "../../../../infra/kube/dnsLabel";
import { newTenantStackNameProblem, tenantStackMaxLength } from "../../../../infra/kube/tenancy";
import { tenantHost, tenantHostLabel } from "../../../../infra/tenant/host";

const domain = "dev.example.com";

/** Hyphenated words of letters and digits: what names look like, short and long. */
const word = fc.stringMatching(/^[a-z0-9]{1,12}$/);
const words = (max: number) => fc.array(word, { minLength: 1, maxLength: max }).map((w) => w.join("-"));

/** App names as the config admits them: a DNS label starting with a letter. */
const appName = fc.tuple(fc.stringMatching(/^[a-z]$/), fc.option(words(8), { nil: undefined }))
    .map(([first, rest]) => (rest === undefined ? first : `${first}${rest}`).slice(0, 63).replace(/-+$/, ""))
    .filter((name) => dnsLabelPattern.test(name));

/** Tenant stack names a new stack may take: pr-<number>, or dev-<name> with hyphens, digits, long ones. */
const tenantStack = fc.oneof(
    fc.nat({ max: 10_000_000 }).map((n) => `pr-${n}`),
    words(6).map((name) => `dev-${name}`),
).filter((stack) => newTenantStackNameProblem(stack) === undefined);

describe("tenant hosts: <app>-<stack>.<domain>, one label under the domain", () => {
    it("every app of every stack gets a valid host exactly one label under the domain, the wildcard's reach", () => {
        fc.assert(fc.property(appName, tenantStack, (app, stack) => {
            const host = tenantHost(app, stack, domain);
            const label = tenantHostLabel(app, stack);
            assert.equal(host, `${label}.${domain}`);
            assert.match(label, dnsLabelPattern, `${label} is a DNS label (at most 63 characters)`);
            assert.ok(label.endsWith(`-${stack}`), "the stack is the end of the label");
        }), { numRuns: 2000 });
    });

    it("no host of one stack ends like another stack's hosts, so no tenant can claim another's (the admission rule)", () => {
        fc.assert(fc.property(appName, tenantStack, tenantStack, (app, stack, other) => {
            fc.pre(stack !== other);
            const host = tenantHost(app, stack, domain);
            assert.ok(!host.endsWith(`-${other}.${domain}`), `${host} would be admitted in ${other}`);
        }), { numRuns: 5000 });
    });

    it("two apps of one stack never share a host, however long their names", () => {
        fc.assert(fc.property(fc.uniqueArray(appName, { minLength: 2, maxLength: 6 }), tenantStack, (apps, stack) => {
            const hosts = apps.map((app) => tenantHost(app, stack, domain));
            assert.equal(new Set(hosts).size, apps.length, hosts.join(" "));
        }), { numRuns: 2000 });
    });

    it("long names: the app keeps its start and gains a hash of the whole name", () => {
        const stack = `dev-${"a".repeat(tenantStackMaxLength - 4)}`;
        const app = `checkout-service-${"x".repeat(40)}`;
        const label = tenantHostLabel(app, stack);
        assert.equal(label.length, 63);
        assert.match(label, new RegExp(`^checkout-serv-[0-9a-f]{8}-${stack}$`));
        assert.notEqual(tenantHostLabel(`${app}y`, stack), label, "a name that differs only past the cut");
        assert.equal(tenantHostLabel("web-server", "pr-42"), "web-server-pr-42", "short names are as they read");
    });

    it("stack names a new tenant stack may not take: too long for its hosts, or ending like another stack", () => {
        assert.match(newTenantStackNameProblem(`dev-${"a".repeat(tenantStackMaxLength - 3)}`) ?? "", /at most 40 characters \(got 41\)/);
        for (const stack of ["dev-alice-pr-7", "dev-x-dev-y", "dev-dev-y", "dev-pr"]) {
            assert.match(newTenantStackNameProblem(stack) ?? "", /the word dev or pr/, stack);
        }
        for (const stack of ["dev-alice", "dev-prakash", "dev-devon", "pr-42", "dev-a1-b2"]) assert.equal(newTenantStackNameProblem(stack), undefined, stack);
    });
});
