import { after, before } from "node:test";
import { Engine } from "./engine";
import { startLocalCluster, type LocalCluster, type LocalClusterOptions } from "./localCluster";
import { engineTools } from "./tools";

/** A local control plane and a real engine using it. */
export interface Tier {
    readonly cluster: LocalCluster;
    readonly engine: Engine;
    /** Disposes of the engine and stops the control plane. */
    stop(): Promise<void>;
}

/** Starts a control plane, then an engine; a failure to create the engine stops the control plane again. */
export async function startTier(options: LocalClusterOptions = {}): Promise<Tier> {
    const tools = engineTools();
    const cluster = await startLocalCluster(tools, options);
    try {
        const engine = await Engine.create(tools);
        return {
            cluster,
            engine,
            async stop() {
                engine.dispose();
                await cluster.stop();
            },
        };
    } catch (error) {
        await cluster.stop();
        throw error;
    }
}

/**
 * For one test file (call it inside its describe): startTier before the tests, its stop after them. Read
 * `cluster` and `engine` inside the tests, once `before` has run.
 */
export function engineTier(): { readonly cluster: LocalCluster; readonly engine: Engine } {
    let tier: Tier | undefined;
    before(async () => {
        tier = await startTier();
    });
    after(async () => {
        await tier?.stop();
    });
    return {
        get cluster() {
            return tier!.cluster;
        },
        get engine() {
            return tier!.engine;
        },
    };
}
