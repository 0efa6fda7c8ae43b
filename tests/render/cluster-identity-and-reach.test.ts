import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { projectDir } from "../../infra/config/project";
import { type RenderResult } from "../../tools/render/render";
import { gkeRanges } from "../../infra/cluster/gke/network";
import { vpcCidr } from "../../infra/cluster/eks/network";
import { eksDeployer, ofType, one, onEks, ref, renderStack, stackFileConfig, variant, writeStackFile } from "../support/render";

const existingConfig = () => writeStackFile({
    "webstack:cloud": "existing",
    "webstack:kubeContext": "kind-webstack",
    "webstack:platform": { certManager: false, ingressController: false },
});

const files = {
    eksDev: onEks("dev"),
    eksProd: onEks("prod", { authorizedNetworks: ["203.0.113.0/24"], deployerNetworks: ["198.51.100.0/28"], admins: [eksDeployer] }),
    existing: existingConfig(),
};

/** Every render whose providers we check: both clouds, dev and prod, an adopted cluster and a tenant stack. */
const renders: [string, () => Promise<RenderResult>][] = [
    ["gke dev", () => renderStack("dev")],
    ["gke prod", () => renderStack("prod")],
    ["eks dev", () => renderStack("dev", { configFile: files.eksDev })],
    ["eks prod", () => renderStack("prod", { configFile: files.eksProd })],
    ["existing", () => renderStack("dev", { configFile: files.existing })],
    ["tenant", () => renderStack("pr-42")],
];

describe("Kubernetes provider identity", () => {
    for (const [label, render] of renders) {
        it(`${label}: every Kubernetes provider has a clusterIdentifier from the cluster's name, and never deletes unreachable objects`, async () => {
            const result = await render();
            const providers = ofType(result, "pulumi:providers:kubernetes");
            assert.ok(providers.length > 0);
            for (const p of providers) {
                const id = p.inputs.clusterIdentifier;
                assert.equal(typeof id, "string", `${ref(p)} has a clusterIdentifier`);
                assert.ok(String(id).length > 0);
                assert.equal(p.inputs.deleteUnreachable, undefined, `${ref(p)} leaves deleteUnreachable off`);
            }
        });
    }

    it("derives it from the cluster's name on each source", async () => {
        const id = async (render: () => Promise<RenderResult>) => String(ofType(await render(), "pulumi:providers:kubernetes")[0].inputs.clusterIdentifier);
        assert.equal(await id(renders[2][1]), "arn:aws:eks:eu-west-1:123456789012:cluster/webstack-dev");
        assert.match(await id(renders[0][1]), /\/clusters\/webstack-dev-[0-9a-f]{7}$/);
        assert.equal(await id(renders[5][1]), "dev-cluster", "the shared stack's clusterName output");
    });
});

describe("reaching the prod API from the deploy jobs", () => {
    it("GKE prod: the deployer networks are authorized next to the operators' networks", async () => {
        const config = stackFileConfig("prod")["webstack:cluster"] as { authorizedNetworks: string[]; deployerNetworks: string[] };
        const c = one(await renderStack("prod"), "gcp:container/cluster:Cluster").inputs as { masterAuthorizedNetworksConfig: { cidrBlocks: { cidrBlock: string }[] } };
        assert.deepEqual(c.masterAuthorizedNetworksConfig.cidrBlocks.map((b) => b.cidrBlock), [...config.authorizedNetworks, ...config.deployerNetworks]);
        assert.ok(config.deployerNetworks.length > 0);
    });

    it("EKS: the public endpoint admits the deployer networks", async () => {
        const result = await renders[3][1]();
        const { inputs } = one(result, "eks:index:Cluster");
        assert.equal(inputs.endpointPublicAccess, true);
        assert.deepEqual(inputs.publicAccessCidrs, ["203.0.113.0/24", "198.51.100.0/28"]);
    });

    it("EKS with runners in the VPC and nothing else allowed: public endpoint off, HTTPS from the VPC to the control plane", async () => {
        const result = await renderStack("prod", {
            configFile: onEks("prod", { authorizedNetworks: [], deployerNetworks: [], deployFromVpc: true, admins: [eksDeployer] }),
        });
        const cluster = one(result, "eks:index:Cluster");
        assert.equal(cluster.inputs.endpointPublicAccess, false);
        assert.equal(cluster.inputs.endpointPrivateAccess, true);
        const rule = one(result, "aws:ec2/securityGroupRule:SecurityGroupRule");
        assert.deepEqual([rule.inputs.type, rule.inputs.fromPort, rule.inputs.toPort, rule.inputs.cidrBlocks], ["ingress", 443, 443, [vpcCidr]]);
        assert.ok(rule.dependsOn.includes(ref(cluster)), "on the cluster's security group");
    });

    it("GKE with runners in the VPC: private endpoint only, the cluster subnet authorized", async () => {
        const cluster = { ...(stackFileConfig("prod")["webstack:cluster"] as object), authorizedNetworks: [], deployerNetworks: [], deployFromVpc: true };
        const c = one(await renderStack("prod", { configFile: variant("prod", { "webstack:cluster": cluster }) }), "gcp:container/cluster:Cluster").inputs as Record<string, any>;
        assert.equal(c.privateClusterConfig.enablePrivateEndpoint, true);
        assert.deepEqual(c.masterAuthorizedNetworksConfig.cidrBlocks.map((b: { cidrBlock: string }) => b.cidrBlock), [gkeRanges.nodes]);
    });

    it("main's prod preview and deploy jobs run on the PROD_RUNNER runners when that variable is set (pull requests never do)", () => {
        const workflow = (file: string) => parse(readFileSync(join(projectDir, ".github", "workflows", file), "utf8")) as { jobs: Record<string, { "runs-on": string }> };
        assert.equal(workflow("deploy.yml").jobs["up-prod"]["runs-on"], "${{ vars.PROD_RUNNER || 'ubuntu-latest' }}");
        assert.equal(workflow("deploy.yml").jobs["preview-prod"]["runs-on"], "${{ vars.PROD_RUNNER || 'ubuntu-latest' }}");
        assert.equal(workflow("preview.yml").jobs["pulumi-preview"]["runs-on"], "ubuntu-latest");
        assert.equal(workflow("deploy.yml").jobs["up-dev"]["runs-on"], "ubuntu-latest");
    });
});
