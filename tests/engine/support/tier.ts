import { after, before } from "node:test";
import { Engine } from "./engine";
import { startLocalCluster, type LocalCluster } from "./localCluster";
import { engineTools } from "./tools";

/**
 * For one test file (call it inside its describe): a local control plane and a real engine, started before the
 * tests and stopped after them. Read `cluster` and `engine` inside the tests, once `before` has run.
 */
export function engineTier(): { readonly cluster: LocalCluster; readonly engine: Engine } {
    const tier = {} as { cluster: LocalCluster; engine: Engine };
    before(async () => {
        const tools = engineTools();
        tier.cluster = await startLocalCluster(tools);
        tier.engine = await Engine.create(tools);
    });
    after(async () => {
        tier.engine?.dispose();
        await tier.cluster?.stop();
    });
    return tier;
}
