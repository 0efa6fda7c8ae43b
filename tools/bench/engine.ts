// npm run bench:engine: the real-engine tier's costs, as ratios within one run, each line printed as measured.
// Needs the engine tools (npm run test:engine builds them). On one local control plane:
//   (a) `pulumi preview` of the shared dev stack once it is up (nothing to change): the floor of a PR preview;
//   (b) `pulumi up` of fresh stacks with 10 and 100 copies of nginx, each in its own namespace group.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { devApps, sharedStack } from "../../tests/engine/support/stacks";
import { startTier } from "../../tests/engine/support/tier";

async function timed(what: () => Promise<unknown>): Promise<number> {
    const start = performance.now();
    await what();
    return performance.now() - start;
}

/** The shared stack's config with `count` copies of nginx instead of the dev apps. */
function appsStack(base: ReturnType<typeof sharedStack>, count: number, namespace: string): ReturnType<typeof sharedStack> {
    const nginx = { ...devApps().nginx, expose: "internal", replicas: 1, namespace };
    const apps = Object.fromEntries(Array.from({ length: count }, (_, i) => [`app-${i}`, nginx]));
    // No app reads web-server's token here, and an unused secret is a config error. No tenants either: the shared
    // stack's developer namespaces are already there.
    const { "webstack:access": _access, ...plain } = base.plainConfig!;
    return {
        plainConfig: { ...plain, "webstack:existing": { loadBalancerAddresses: true }, "webstack:apps": apps },
        secretConfig: { "webstack:kubeconfig": base.secretConfig!["webstack:kubeconfig"] },
    };
}

async function main(): Promise<void> {
    const tier = await startTier();
    const { cluster, engine } = tier;
    try {
        const base = sharedStack(cluster, { webServerToken: randomBytes(16).toString("hex") });
        const up = await timed(() => engine.ok("up", "dev", base));
        console.log(`up of the shared dev stack            ${up.toFixed(0).padStart(7)} ms`);
        const preview = await timed(() => engine.ok("preview", "dev"));
        console.log(`(a) preview, nothing to change        ${preview.toFixed(0).padStart(7)} ms   ${(preview / up).toFixed(2)}x up`);
        const ten = await timed(() => engine.ok("up", "apps10", appsStack(base, 10, "apps10")));
        console.log(`(b) up of 10 apps                     ${ten.toFixed(0).padStart(7)} ms`);
        const hundred = await timed(() => engine.ok("up", "apps100", appsStack(base, 100, "apps100")));
        console.log(`(b) up of 100 apps                    ${hundred.toFixed(0).padStart(7)} ms   ${(hundred / ten).toFixed(2)}x 10 apps`);
    } finally {
        await tier.stop();
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
