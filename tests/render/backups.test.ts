import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RenderResult } from "../../tools/render/render";
import { ofType, one, onEks, ref, renderStack, stackFileConfig, variant } from "../support/render";

/** Recorded inputs are untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = any;

/** The namespaces that hold the stack's PersistentVolumeClaims, with their labels. */
function volumeNamespaces(result: RenderResult): { name: string; labels: Record<string, string> }[] {
    const manifests = result.manifests as Obj[];
    const names = [...new Set(manifests.filter((m) => m.kind === "PersistentVolumeClaim").map((c) => c.metadata.namespace as string))];
    return names.map((name) => ({ name, labels: manifests.find((m) => m.kind === "Namespace" && m.metadata.name === name)?.metadata.labels ?? {} }));
}

const withBackups = (stack: string, backups: Obj) => variant(stack, { "webstack:cluster": { ...(stackFileConfig(stack)["webstack:cluster"] as Obj), backups } });

describe("backups of the stack's volumes: GKE (Backup for GKE)", () => {
    it("prod: a plan on the default schedule covering every namespace that holds a volume, with the agent and its API on first", async () => {
        const result = await renderStack("prod");
        const plan = one(result, "gcp:gkebackup/backupPlan:BackupPlan");
        const inputs = plan.inputs as Obj;
        assert.deepEqual(inputs.backupSchedule, { cronSchedule: "0 3 * * *" });
        assert.deepEqual(inputs.retentionPolicy, { backupRetainDays: 30 });
        assert.equal(inputs.backupConfig.includeVolumeData, true);
        const [selector] = inputs.backupConfig.selectedNamespaceLabels.resourceLabels;
        const volumes = volumeNamespaces(result);
        assert.ok(volumes.length > 0, "prod's web-server has a volume");
        for (const ns of volumes) assert.equal(ns.labels[selector.key], selector.value, `namespace ${ns.name} holds a volume and must be selected`);
        const cluster = one(result, "gcp:container/cluster:Cluster");
        assert.deepEqual((cluster.inputs as Obj).addonsConfig.gkeBackupAgentConfig, { enabled: true });
        const api = one(result, "gcp:projects/service:Service", "webstack-prod-gkebackup-api");
        assert.equal((api.inputs as Obj).service, "gkebackup.googleapis.com");
        assert.ok(cluster.dependsOn.includes(ref(api)) && plan.dependsOn.includes(ref(api)));
        assert.equal(plan.protect, true);
    });

    it("dev: off by default (no plan, no agent); switched on with its own schedule and retention", async () => {
        const dev = await renderStack("dev");
        assert.deepEqual(ofType(dev, "gcp:gkebackup/backupPlan:BackupPlan"), []);
        assert.equal((one(dev, "gcp:container/cluster:Cluster").inputs as Obj).addonsConfig.gkeBackupAgentConfig, undefined);
        const on = await renderStack("dev", { configFile: withBackups("dev", { enabled: true, schedule: "15 2 * * 1", retentionDays: 7 }) });
        const inputs = one(on, "gcp:gkebackup/backupPlan:BackupPlan").inputs as Obj;
        assert.deepEqual([inputs.backupSchedule.cronSchedule, inputs.retentionPolicy.backupRetainDays], ["15 2 * * 1", 7]);
    });

    it("a bad schedule or retention is a config error naming the key", async () => {
        await assert.rejects(renderStack("dev", { configFile: withBackups("dev", { schedule: "daily", retentionDays: 0 }) }), (err: Error) => {
            assert.match(err.message, /webstack:cluster\.backups\.schedule: must be a five-field cron expression in UTC/);
            assert.match(err.message, /webstack:cluster\.backups\.retentionDays: /);
            return true;
        });
    });
});

describe("backups of the stack's volumes: EKS (AWS Backup)", () => {
    it("prod: a plan in AWS's cron, whose selection matches the tag the EBS CSI driver puts on every volume it provisions", async () => {
        const result = await renderStack("prod", { configFile: onEks("prod") });
        const plan = one(result, "aws:backup/plan:Plan");
        const [rule] = (plan.inputs as Obj).rules;
        assert.equal(rule.schedule, "cron(0 3 * * ? *)");
        assert.deepEqual(rule.lifecycle, { deleteAfter: 30 });
        const selection = one(result, "aws:backup/selection:Selection").inputs as Obj;
        const driver = one(result, "aws:eks/addon:Addon", "webstack-prod-ebs-csi-driver").inputs as Obj;
        const volumeTags = JSON.parse(driver.configurationValues).controller.extraVolumeTags;
        for (const tag of selection.selectionTags) {
            assert.equal(tag.type, "STRINGEQUALS");
            assert.equal(volumeTags[tag.key], tag.value, "every provisioned volume carries the selected tag");
        }
        // The volumes come from the driver: every PVC uses the default class it backs.
        const storageClass = one(result, "kubernetes:storage.k8s.io/v1:StorageClass").inputs as Obj;
        assert.equal(storageClass.provisioner, "ebs.csi.aws.com");
        for (const claim of (result.manifests as Obj[]).filter((m) => m.kind === "PersistentVolumeClaim")) {
            assert.ok([undefined, storageClass.metadata.name].includes(claim.spec.storageClassName), claim.metadata.name);
        }
    });

    it("dev: off by default: no plan, no volume tags", async () => {
        const result = await renderStack("dev", { configFile: onEks("dev") });
        assert.deepEqual(ofType(result, "aws:backup/plan:Plan"), []);
        assert.equal((one(result, "aws:eks/addon:Addon", "webstack-dev-ebs-csi-driver").inputs as Obj).configurationValues, undefined);
    });
});
