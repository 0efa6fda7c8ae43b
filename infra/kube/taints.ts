/** The effects a Kubernetes taint can have. */
export const taintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;

export type TaintEffect = (typeof taintEffects)[number];

/** A Kubernetes node taint. */
export interface Taint {
    key: string;
    value?: string;
    effect: TaintEffect;
}

/**
 * The taint of a spot node group that has on-demand groups beside it: only pods that tolerate it (apps that say they
 * may be preempted) land on nodes that can vanish at a minute's notice.
 */
export const spotTaint = { key: "webstack.dev/spot", value: "true", effect: "NoSchedule" } as const satisfies Taint;

/** What tolerates spotTaint. */
export const spotToleration = { key: spotTaint.key, operator: "Equal", value: spotTaint.value, effect: spotTaint.effect } as const;

/** A taint effect as the GKE and EKS APIs spell it: NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE. */
export function cloudTaintEffect(effect: TaintEffect): string {
    return effect.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}
