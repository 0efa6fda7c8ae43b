/** The namespace a stack's apps run in unless the config names another (apps sharing one form a group). */
export const defaultAppNamespace = "web";

/**
 * Names of the objects every app namespace holds besides its apps' own. An app's NetworkPolicy is named after
 * the app, so no app may take one of these names (the config rules refuse it).
 */
export const namespacePolicyNames = {
    /** Denies all traffic of the namespace's pods except DNS lookups. */
    defaultDeny: "default-deny",
    /** Lets the namespace's apps reach each other's ports. */
    sameNamespace: "allow-same-namespace",
    /** Lets the ingress controller reach cert-manager's HTTP-01 solver pods. */
    acmeSolver: "allow-acme-http01-solver",
} as const;
