import type * as k8s from "@pulumi/kubernetes";
import { tenantRoleName } from "../kube/tenancy";

type PolicyRule = k8s.types.input.rbac.v1.PolicyRule;

const manage = ["get", "list", "watch", "create", "update", "patch", "delete"];
const read = ["get", "list", "watch"];

export const tenantRules: PolicyRule[] = [
    { apiGroups: [""], resources: ["services", "secrets", "configmaps", "persistentvolumeclaims", "resourcequotas", "limitranges"], verbs: manage },
    { apiGroups: [""], resources: ["pods", "pods/log", "events", "endpoints"], verbs: read },
    { apiGroups: ["apps"], resources: ["deployments"], verbs: manage },
    { apiGroups: ["apps"], resources: ["replicasets"], verbs: read },
    { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"], verbs: manage },
    { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: manage },
    { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: manage },
    { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: read },
    { apiGroups: ["rbac.authorization.k8s.io"], resources: ["rolebindings"], verbs: read },
];

export const tenantBootstrapRules: PolicyRule[] = [
    { apiGroups: [""], resources: ["namespaces"], verbs: manage },
    { apiGroups: ["rbac.authorization.k8s.io"], resources: ["rolebindings"], verbs: manage },
    { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind"], resourceNames: [tenantRoleName] },
];
