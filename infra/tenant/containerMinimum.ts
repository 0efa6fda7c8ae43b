/**
 * The smallest requests a tenant's container may declare (LimitRange `min`): below these a pod is scheduled on
 * next to nothing and starves its neighbours. The config rules check every app against them.
 */
export const containerMinimum = { cpu: "10m", memory: "16Mi", ephemeralStorage: "16Mi" } as const;
