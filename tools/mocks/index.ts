import type * as pulumi from "@pulumi/pulumi";
import { awsMocks } from "./aws";
import { gcpMocks } from "./gcp";
import { kubernetesMocks } from "./kubernetes";
import { pulumiMocks } from "./pulumi";
import type { MockContext, MockTable } from "./types";

const tables: MockTable[] = [gcpMocks, awsMocks, kubernetesMocks, pulumiMocks];
const resources = Object.assign({}, ...tables.map((t) => t.resources)) as MockTable["resources"];
const calls = Object.assign({}, ...tables.map((t) => t.calls)) as MockTable["calls"];

/**
 * Pulumi mocks that answer like the clouds would: every resource keeps its inputs and gains the outputs the
 * cloud computes (ids, endpoints, addresses). A provider function without an answer fails the render loudly,
 * so nothing resolves to undefined by accident.
 */
export function cloudMocks(context: MockContext): pulumi.runtime.Mocks {
    return {
        newResource(args) {
            const compute = resources[args.type];
            const state = { ...args.inputs, ...(compute ? compute(args, context) : {}) };
            return { id: String(state.id ?? `${args.name}-id`), state };
        },
        call(args) {
            const answer = calls[args.token];
            if (!answer) {
                throw new Error(`offline render: no mock answer for provider function ${args.token}; add one in tools/mocks/`);
            }
            return answer(args, context);
        },
    };
}
