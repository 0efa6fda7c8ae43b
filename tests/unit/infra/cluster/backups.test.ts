import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { awsBackupCron, withBackupDefaults } from "../../../../infra/cluster/backups";

describe("backup schedules", () => {
    it("a cron expression becomes AWS Backup's: a year field, ? in one day field, Sunday as 1", () => {
        assert.equal(awsBackupCron("0 3 * * *"), "cron(0 3 * * ? *)");
        assert.equal(awsBackupCron("30 1 * * 0"), "cron(30 1 ? * 1 *)", "Sunday: 0 in cron, 1 in AWS");
        assert.equal(awsBackupCron("0 2 * * 1-5"), "cron(0 2 ? * 2-6 *)", "weekdays");
        assert.equal(awsBackupCron("0 4 1 * *"), "cron(0 4 1 * ? *)", "the first of every month");
    });

    it("on by default on prod only", () => {
        assert.equal(withBackupDefaults(undefined, true).enabled, true);
        assert.equal(withBackupDefaults(undefined, false).enabled, false);
        assert.equal(withBackupDefaults({ enabled: false }, true).enabled, false);
    });
});
