import { awsHostname, publicIp } from "../render/cloudValues";
import type { MockTable } from "./types";

/** The address a cloud load balancer would give a Service (a hostname on AWS, an IP elsewhere). */
function loadBalancerIngress(seed: string, config: Record<string, string>): Record<string, string> {
    return config["webstack:cloud"] === "aws"
        ? { hostname: awsHostname(seed, config["aws:region"] ?? "us-east-1") }
        : { ip: publicIp(seed) };
}

export const kubernetesMocks: MockTable = {
    resources: {
        "kubernetes:core/v1:Service": ({ name, inputs }, { config }) => {
            const spec = (inputs.spec ?? {}) as { type?: string };
            if (spec.type !== "LoadBalancer") return {};
            return { status: { loadBalancer: { ingress: [loadBalancerIngress(name, config)] } } };
        },
    },
    calls: {},
};
