import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { projectDir } from "../../../../infra/config/project";
import { type RenderResult } from "../../../../tools/render/render";
import { traefikChart } from "../../../../infra/kube/helmCharts";
import { traefikValues } from "../../../../infra/platform/traefikValues";
import { schemaErrors, undeclaredKeys, type SchemaNode } from "../../../support/chartSchema";
import { chartsOf, onEks, renderStack } from "../../../support/render";

/** The pinned chart's schema, as far as our values reach (see its $comment for the source version). */
const schema = JSON.parse(readFileSync(join(projectDir, "infra", "platform", "schemas", "traefik-values.schema.json"), "utf8")) as SchemaNode;

/**
 * Values the chart renders verbatim as a Kubernetes object, whose schema lists only its default's keys:
 * `podSecurityContext` becomes the pod's securityContext (_podtemplate.tpl), and Pod Security `restricted` needs
 * its seccompProfile.
 */
const passThrough = ["podSecurityContext"] as const;

const renders: [string, () => Promise<RenderResult>][] = [
    ["dev (GKE)", () => renderStack("dev")],
    ["prod (GKE)", () => renderStack("prod")],
    ["dev on EKS", () => renderStack("dev", { configFile: onEks("dev") })],
    ["prod on EKS", () => renderStack("prod", { configFile: onEks("prod") })],
];

describe("Traefik chart values against the pinned chart's schema", () => {
    test("the schema file names the chart version we pin", () => {
        assert.match(String(schema.$comment), new RegExp(`traefik ${traefikChart.version.replace(/\./g, "\\.")}\\b`));
    });

    for (const [label, render] of renders) {
        test(`${label}: every key we set exists in the chart, with a value of the type it takes`, async () => {
            const [chart] = chartsOf(await render(), "traefik");
            const values = chart.inputs.values;
            assert.deepEqual(undeclaredKeys(values, schema, passThrough), []);
            assert.deepEqual(schemaErrors(values, schema), []);
        });
    }

    test("the check catches a misspelt or misplaced key and a value of the wrong type", () => {
        const good = traefikValues({ prod: true, service: { namespace: "traefik", name: "traefik" } }) as Record<string, any>;
        assert.deepEqual(undeclaredKeys({ ...good, ingresClass: {} }, schema, passThrough), ["ingresClass"]);
        // Chart v38 moved redirections under `http`: the old place is no longer read.
        assert.deepEqual(undeclaredKeys({ ...good, ports: { web: { redirections: {} } } }, schema, passThrough), ["ports.web.redirections"]);
        assert.deepEqual(undeclaredKeys({ ...good, podDisruptionBudget: { enabled: true, minAvaliable: 1 } }, schema, passThrough), ["podDisruptionBudget.minAvaliable"]);
        assert.notDeepEqual(schemaErrors({ ...good, deployment: { replicas: "2" } }, schema), []);
        assert.notDeepEqual(schemaErrors({ ...good, ingressClass: { ...good.ingressClass, default: true } }, schema), [], "ingressClass is closed upstream");
    });
});
