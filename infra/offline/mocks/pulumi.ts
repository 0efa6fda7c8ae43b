import type { MockTable } from "./types";

/** Built-in Pulumi resources. StackReference outputs are filled in by the tenant-stack mocks. */
export const pulumiMocks: MockTable = {
    resources: {},
    calls: {},
};
