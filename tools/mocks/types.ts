import type * as pulumi from "@pulumi/pulumi";

/** What a mock sees besides the resource itself. */
export interface MockContext {
    stack: string;
    project: string;
    /** The flat config map the render runs with. */
    config: Record<string, string>;
    /** Directory of the stack files, shared stacks' included (a StackReference reads its stack's). Default: this repository. */
    projectDir?: string;
}

/** Computes the outputs a cloud would add to a resource's inputs. */
export type ComputeState = (args: pulumi.runtime.MockResourceArgs, context: MockContext) => Record<string, unknown>;

/** Answers a provider function (invoke) the way the cloud would. */
export type AnswerCall = (args: pulumi.runtime.MockCallArgs, context: MockContext) => Record<string, unknown>;

export interface MockTable {
    resources: Record<string, ComputeState>;
    calls: Record<string, AnswerCall>;
}
