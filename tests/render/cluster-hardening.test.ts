import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { keyUserRole } from "../../infra/cluster/gke/secretsKey";
import { maintenancePolicy } from "../../infra/cluster/gke/maintenance";
import { projectNumberOf } from "../../tools/mocks/gcp";
import { awsMocks } from "../../tools/mocks/aws";
import type { RecordedResource } from "../../tools/render/recorder";
import { eksDeployer, ofType, one, onEks, ref, renderStack, stackFileConfig, variant } from "../support/render";

const eksProd = { zones: ["eu-west-1a", "eu-west-1b"], deployerNetworks: ["198.51.100.0/28"], admins: [eksDeployer] };
const eksRender = (stack: "dev" | "prod", cluster: Record<string, unknown> = {}) =>
    renderStack(stack, { configFile: onEks(stack, { ...(stack === "prod" ? eksProd : {}), ...cluster }) });

const kmsKeyArn = (key: RecordedResource) =>
    String(awsMocks.resources["aws:kms/key:Key"]({ type: key.type, name: key.name, inputs: key.inputs, provider: "", id: "", custom: true }, { stack: "test", project: "webstack", config: { "aws:region": "eu-west-1" } }).arn);

for (const stack of ["dev", "prod"] as const) {
    const prod = stack === "prod";
    describe(`GKE hardening (${stack})`, () => {
        const render = () => renderStack(stack);
        const project = String(stackFileConfig(stack)["gcp:project"]);

        it("encrypts Secrets with the stack's Cloud KMS key, in a key ring of the cluster's region, rotated every 90 days", async () => {
            const result = await render();
            const ring = one(result, "gcp:kms/keyRing:KeyRing");
            const key = one(result, "gcp:kms/cryptoKey:CryptoKey");
            const cluster = one(result, "gcp:container/cluster:Cluster");
            assert.equal(ring.inputs.location, (stackFileConfig(stack)["webstack:cluster"] as { region: string }).region);
            assert.equal(ring.inputs.name, undefined, "auto-named: key rings are never deleted, a re-created stack needs a new one");
            assert.equal(key.inputs.rotationPeriod, "7776000s");
            assert.ok(key.dependsOn.includes(ref(ring)));
            const keyId = `${String(key.inputs.keyRing)}/cryptoKeys/${key.name}-`;
            const encryption = cluster.inputs.databaseEncryption as { state: string; keyName: string };
            assert.equal(encryption.state, "ENCRYPTED");
            assert.ok(encryption.keyName.startsWith(keyId), `${encryption.keyName} is the stack's key`);
        });

        it("creates the cluster only after GKE's service agent may use the key", async () => {
            const result = await render();
            const grant = one(result, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember");
            assert.equal(grant.inputs.role, keyUserRole);
            assert.equal(grant.inputs.member, `serviceAccount:service-${projectNumberOf(project)}@container-engine-robot.iam.gserviceaccount.com`);
            assert.ok(grant.dependsOn.includes(ref(one(result, "gcp:kms/cryptoKey:CryptoKey"))));
            assert.ok(one(result, "gcp:container/cluster:Cluster").dependsOn.includes(ref(grant)), "cluster waits for the grant");
        });

        it("sends SYSTEM_COMPONENTS and APISERVER logs (and keeps the workloads' logs), and has a weekly maintenance window", async () => {
            const result = await render();
            const c = one(result, "gcp:container/cluster:Cluster").inputs;
            assert.deepEqual(c.loggingConfig, { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS", "APISERVER"] });
            const window = (stackFileConfig(stack)["webstack:cluster"] as { maintenanceWindow?: { start: string } }).maintenanceWindow;
            assert.deepEqual(c.maintenancePolicy, {
                recurringWindow: {
                    startTime: `2025-01-01T${window?.start ?? "03:00"}:00Z`,
                    endTime: `2025-01-01T${prod ? "08:00" : "09:00"}:00Z`,
                    recurrence: "FREQ=WEEKLY;BYDAY=SA,SU",
                },
            });
            for (const pool of ofType(result, "gcp:container/nodePool:NodePool")) {
                assert.deepEqual(pool.inputs.management, { autoRepair: true, autoUpgrade: true }, pool.name);
            }
        });

        it(prod ? "protects the key ring and key" : "protects no key (dev)", async () => {
            const result = await render();
            for (const type of ["gcp:kms/keyRing:KeyRing", "gcp:kms/cryptoKey:CryptoKey"]) assert.equal(one(result, type).protect, prod, type);
        });
    });

    describe(`EKS hardening (${stack})`, () => {
        it("encrypts Secrets with a rotated KMS key of the stack, protected in prod", async () => {
            const result = await eksRender(stack);
            const key = one(result, "aws:kms/key:Key");
            assert.equal(key.inputs.enableKeyRotation, true);
            assert.equal(key.inputs.deletionWindowInDays, prod ? 30 : 7);
            assert.equal(key.protect, prod);
            assert.equal(one(result, "eks:index:Cluster").inputs.encryptionConfigKeyArn, kmsKeyArn(key));
            assert.equal(one(result, "aws:kms/alias:Alias").inputs.name, `alias/webstack-${stack}-secrets`);
        });

        it("logs api, audit and authenticator, and stays on standard support (no paid extended support)", async () => {
            const { inputs } = one(await eksRender(stack), "eks:index:Cluster");
            assert.deepEqual(inputs.enabledClusterLogTypes, ["api", "audit", "authenticator"]);
            assert.deepEqual(inputs.upgradePolicy, { supportType: "STANDARD" });
        });
    });
}

describe("hardening switched off on a dev stack", () => {
    it("GKE: no key, Secrets not encrypted, no API server logs", async () => {
        const cluster = { ...(stackFileConfig("dev")["webstack:cluster"] as object), secretsEncryption: false, controlPlaneLogs: false };
        const result = await renderStack("dev", { configFile: variant("dev", { "webstack:cluster": cluster }) });
        assert.deepEqual(ofType(result, "gcp:kms/cryptoKey:CryptoKey"), []);
        const c = one(result, "gcp:container/cluster:Cluster");
        assert.deepEqual(c.inputs.databaseEncryption, { state: "DECRYPTED" });
        assert.deepEqual(c.inputs.loggingConfig, { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS"] });
    });

    it("EKS: no key, no control-plane logs", async () => {
        const result = await eksRender("dev", { secretsEncryption: false, controlPlaneLogs: false });
        assert.deepEqual(ofType(result, "aws:kms/key:Key"), []);
        const { inputs } = one(result, "eks:index:Cluster");
        assert.equal(inputs.encryptionConfigKeyArn, undefined);
        assert.deepEqual(inputs.enabledClusterLogTypes, []);
    });
});

describe("maintenance window", () => {
    it("crosses midnight into the next day and lists each day once", () => {
        assert.deepEqual(maintenancePolicy({ days: ["FR", "FR", "SA"], start: "22:30", hours: 6 }).recurringWindow, {
            startTime: "2025-01-01T22:30:00Z",
            endTime: "2025-01-02T04:30:00Z",
            recurrence: "FREQ=WEEKLY;BYDAY=FR,SA",
        });
    });
});
