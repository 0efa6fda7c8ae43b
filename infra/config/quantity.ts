/** Numeric values of Kubernetes quantities, for comparing requests with limits. Inputs are pre-validated. */

const byteSuffixes: Record<string, number> = {
    "": 1,
    k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

export function millicores(cpu: string): number {
    return cpu.endsWith("m") ? Number(cpu.slice(0, -1)) : Number(cpu) * 1000;
}

export function bytes(quantity: string): number {
    const match = /^([0-9.]+)([A-Za-z]*)$/.exec(quantity);
    if (!match) return NaN;
    return Number(match[1]) * (byteSuffixes[match[2]] ?? NaN);
}
