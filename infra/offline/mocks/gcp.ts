import type { MockTable } from "./types";

export const gcpMocks: MockTable = {
    resources: {},
    calls: {},
};
