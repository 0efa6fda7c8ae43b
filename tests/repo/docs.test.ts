import Ajv2020 from "ajv/dist/2020";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { projectDir } from "../../infra/config/project";
import { generatedDocs } from "../../tools/docs/generated";

const read = (file: string) => readFileSync(join(projectDir, file), "utf8");
const generated = generatedDocs();
const schema = JSON.parse(generated["docs/stack.schema.json"]) as Record<string, unknown>;
const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
const stackFile = (file: string) => parse(read(file)) as { config: Record<string, unknown> };
const problems = (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));

describe("generated docs", () => {
    for (const file of Object.keys(generated)) {
        it(`${file} is what npm run docs makes of the config schema`, () => {
            assert.equal(read(file), generated[file], `${file} is stale: run npm run docs`);
        });
    }

    it("the reference names every key with its default from the components", () => {
        const reference = generated["docs/configuration.md"];
        assert.match(reference, /^\| `port` \| integer, 1 to 65535 \| `8080` \| Container port\. \|$/m);
        assert.match(reference, /^\| `diskSizeGb` \| integer, 20 to 65536 \| `50` \|/m);
        assert.match(reference, /^## `tenant\.quota`$/m);
        assert.match(reference, /^\| `pods` \| integer, 1 to 500 \| `20` \| Pods\. \|$/m);
    });
});

describe("the stack file JSON Schema", () => {
    const stackFiles = readdirSync(projectDir).filter((f) => /^Pulumi\..+\.yaml$/.test(f));

    it("accepts every committed stack file, and the example stack file", () => {
        assert.ok(stackFiles.length >= 2, `stack files: ${stackFiles.join(", ")}`);
        for (const file of [...stackFiles, "examples/existing-cluster.yaml"]) assert.deepEqual(problems(stackFile(file)), [], file);
    });

    it("each committed stack file names the schema for yaml-language-server", () => {
        for (const file of stackFiles) assert.match(read(file), /^# yaml-language-server: \$schema=\.\/docs\/stack\.schema\.json$/m, file);
    });

    it("rejects a misspelt key, at the top and inside an app", () => {
        const dev = stackFile("Pulumi.dev.yaml");
        assert.deepEqual(problems({ config: { ...dev.config, "webstack:clodu": "gcp" } }), ["/config/webstack:clodu must be object"]);
        const apps = dev.config["webstack:apps"] as Record<string, Record<string, unknown>>;
        const typo = { ...apps, nginx: { ...apps.nginx, replica: 2 } };
        assert.ok(problems({ config: { ...dev.config, "webstack:apps": typo } }).includes("/config/webstack:apps/nginx must NOT have additional properties"));
    });

    it("rejects a value the program rejects: a bad enum, a port out of range, a plain kubeconfig", () => {
        const dev = stackFile("Pulumi.dev.yaml");
        const apps = dev.config["webstack:apps"] as Record<string, Record<string, unknown>>;
        assert.ok(problems({ config: { ...dev.config, "webstack:cloud": "azure" } }).length > 0);
        assert.ok(problems({ config: { ...dev.config, "webstack:apps": { ...apps, nginx: { ...apps.nginx, port: 70000 } } } }).length > 0);
        assert.ok(problems({ config: { "webstack:cloud": "existing", "webstack:kubeconfig": "apiVersion: v1" } }).length > 0);
    });

    it("takes secrets where the program does: the kubeconfig and the keys secretEnv names, other namespaces' keys as they are", () => {
        const config = {
            "webstack:cloud": "existing",
            "webstack:kubeconfig": { secure: "v1:abc" },
            "webstack:webServerToken": { secure: "v1:def" },
            "aws:region": "eu-west-1",
            "webstack:prod": "true",
        };
        assert.deepEqual(problems({ config }), []);
    });
});
