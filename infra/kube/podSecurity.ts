/** A Pod Security Standard, enforced, audited and warned about in a namespace. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

/** The label whose value is the enforced level. */
export const podSecurityEnforceLabel = "pod-security.kubernetes.io/enforce";

/**
 * Pod Security Standard version the app namespaces enforce. Pinned, so a control-plane upgrade cannot start
 * rejecting pods before a reviewed change moves it.
 */
export const podSecurityVersion = "v1.31";

/**
 * The `pod-security.kubernetes.io/*` labels that enforce `level`, and audit and warn at the same level; with
 * `version`, each mode is pinned to that version of the standard.
 */
export function podSecurityLabels(level: PodSecurityLevel, version?: string): Record<string, string> {
    return Object.fromEntries(
        ["enforce", "audit", "warn"].flatMap((mode) => [
            [`pod-security.kubernetes.io/${mode}`, level],
            ...(version === undefined ? [] : [[`pod-security.kubernetes.io/${mode}-version`, version]]),
        ]),
    );
}
