/** Labels on everything webstack creates in the cluster. */
export const commonLabels: Record<string, string> = { "app.kubernetes.io/part-of": "webstack", "app.kubernetes.io/managed-by": "pulumi" };

/** The label the API server sets on every namespace: its name. */
export const namespaceLabel = "kubernetes.io/metadata.name";
