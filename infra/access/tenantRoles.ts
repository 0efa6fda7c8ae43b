import type * as k8s from "@pulumi/kubernetes";
import { rbacApiGroup } from "../kube/rbac";
import { tenantRoleName } from "../kube/tenancy";

type PolicyRule = k8s.types.input.rbac.v1.PolicyRule;

const manage = ["get", "list", "watch", "create", "update", "patch", "delete"];
const read = ["get", "list", "watch"];

/**
 * What a tenant stack creates in its namespace, and what the provider's awaits read there. Its quota and
 * LimitRange only read: trusted code sets them (the shared stack, or the provisioner).
 */
export const tenantRules: PolicyRule[] = [
    { apiGroups: [""], resources: ["services", "secrets", "configmaps", "persistentvolumeclaims"], verbs: manage },
    { apiGroups: [""], resources: ["pods", "pods/log", "events", "endpoints", "resourcequotas", "limitranges"], verbs: read },
    { apiGroups: ["apps"], resources: ["deployments"], verbs: manage },
    { apiGroups: ["apps"], resources: ["replicasets"], verbs: read },
    { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"], verbs: manage },
    { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: manage },
    { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: manage },
    { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: read },
    { apiGroups: [rbacApiGroup], resources: ["rolebindings"], verbs: read },
];

/**
 * The provisioner's rules, cluster-wide (an admission policy confines them to tenant namespaces): a namespace with
 * its quota, LimitRange and the RoleBinding of the tenant role, and deleting a namespace with all it holds.
 */
export const tenantProvisionerRules: PolicyRule[] = [
    { apiGroups: [""], resources: ["namespaces"], verbs: manage },
    { apiGroups: [""], resources: ["resourcequotas", "limitranges"], verbs: manage },
    { apiGroups: [rbacApiGroup], resources: ["rolebindings"], verbs: manage },
    { apiGroups: [rbacApiGroup], resources: ["clusterroles"], verbs: ["bind"], resourceNames: [tenantRoleName] },
];

/**
 * What a previewer reads to preview a stack: the kinds the program declares and what their awaits read. Not
 * Secrets, and not pods/log (a pod's log can hold anything it printed): the built-in `view` grants the latter.
 */
export const previewerRules: PolicyRule[] = [
    { apiGroups: [""], resources: ["namespaces", "services", "configmaps", "persistentvolumeclaims", "persistentvolumes", "resourcequotas", "limitranges", "serviceaccounts", "endpoints", "pods", "events", "nodes"], verbs: read },
    { apiGroups: ["apps"], resources: ["deployments", "replicasets", "statefulsets", "daemonsets"], verbs: read },
    { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "ingressclasses", "networkpolicies"], verbs: read },
    { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: read },
    { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: read },
    { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: read },
    { apiGroups: ["storage.k8s.io"], resources: ["storageclasses"], verbs: read },
    { apiGroups: [rbacApiGroup], resources: ["roles", "rolebindings", "clusterroles", "clusterrolebindings"], verbs: read },
    { apiGroups: ["admissionregistration.k8s.io"], resources: ["validatingadmissionpolicies", "validatingadmissionpolicybindings", "validatingwebhookconfigurations", "mutatingwebhookconfigurations"], verbs: read },
    { apiGroups: ["apiextensions.k8s.io"], resources: ["customresourcedefinitions"], verbs: read },
    { apiGroups: ["cert-manager.io"], resources: ["clusterissuers", "issuers", "certificates"], verbs: read },
    { apiGroups: ["gateway.networking.k8s.io"], resources: ["gatewayclasses", "gateways", "httproutes"], verbs: read },
];
