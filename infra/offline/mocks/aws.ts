import type { MockTable } from "./types";

export const awsMocks: MockTable = {
    resources: {},
    calls: {},
};
