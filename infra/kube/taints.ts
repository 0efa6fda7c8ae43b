/** The effects a Kubernetes taint can have. */
export const taintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;

export type TaintEffect = (typeof taintEffects)[number];

/** A Kubernetes node taint. */
export interface Taint {
    key: string;
    value?: string;
    effect: TaintEffect;
}

/** A taint effect as the GKE and EKS APIs spell it: NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE. */
export function cloudTaintEffect(effect: TaintEffect): string {
    return effect.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}
