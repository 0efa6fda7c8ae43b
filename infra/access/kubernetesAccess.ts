import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../kube/cloud";
import { commonLabels } from "../kube/labels";
import { podSecurityEnforceLabel } from "../kube/podSecurity";
import { rbacApiGroup, type Subject } from "../kube/rbac";
import { tenantBootstrapRoleName, tenantNamespacePatterns, tenantRoleName } from "../kube/tenancy";
import type { AccessIdentities, AccessRole } from "./identities";
import { requestFrom, subjectsOf } from "./subjects";
import { tenantBootstrapRules, tenantRules } from "./tenantRoles";

export interface KubernetesAccessArgs {
    /** The identities of each role (webstack:access). */
    access: AccessIdentities;
    cloud: Cloud;
    provider: k8s.Provider;
}


function clusterRoleBinding(name: string, role: string, subjects: Subject[], opts: pulumi.CustomResourceOptions): k8s.rbac.v1.ClusterRoleBinding {
    return new k8s.rbac.v1.ClusterRoleBinding(name, {
        metadata: { name, labels: commonLabels },
        roleRef: { apiGroup: rbacApiGroup, kind: "ClusterRole", name: role },
        subjects,
    }, opts);
}

/** A CEL list literal of subjects, for comparing a RoleBinding's subjects. */
const subjectTerms = (subjects: Subject[]) => subjects.map((s) => `(s.kind == ${JSON.stringify(s.kind)} && s.name == ${JSON.stringify(s.name)})`).join(" || ") || "false";

/**
 * The admission policy that confines a tenant role to its namespaces. RBAC grants the tenant identities the
 * bootstrap role cluster-wide (RBAC cannot limit creating a namespace by its name); this policy then refuses any
 * change they make outside namespaces matching `pattern`, a namespace that would not enforce Pod Security
 * restricted, and a RoleBinding granting anything but the tenant role to anyone but the tenant identities.
 */
function confinement(name: string, subjects: Subject[], allowed: Subject[], pattern: string, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
    const policy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(name, {
        metadata: { name, labels: commonLabels },
        spec: {
            failurePolicy: "Fail",
            matchConstraints: {
                resourceRules: [{ apiGroups: ["*"], apiVersions: ["*"], operations: ["CREATE", "UPDATE", "DELETE"], resources: ["*"], scope: "*" }],
            },
            matchConditions: [{ name: "from-tenant-identity", expression: requestFrom(subjects) }],
            variables: [{ name: "target", expression: "request.resource.resource == 'namespaces' ? request.name : request.namespace" }],
            validations: [
                {
                    expression: `variables.target.matches(${JSON.stringify(pattern)})`,
                    messageExpression: `'this identity may only change namespaces matching ${pattern}, not ' + (variables.target == '' ? 'cluster-scoped ' + request.resource.resource : variables.target)`,
                },
                {
                    expression: `request.resource.resource != 'namespaces' || request.operation == 'DELETE' || (has(object.metadata.labels) && ${JSON.stringify(podSecurityEnforceLabel)} in object.metadata.labels && object.metadata.labels[${JSON.stringify(podSecurityEnforceLabel)}] == 'restricted')`,
                    message: "a tenant namespace must enforce Pod Security restricted",
                },
                {
                    expression: `request.resource.resource != 'rolebindings' || request.operation == 'DELETE' || (object.roleRef.kind == 'ClusterRole' && object.roleRef.name == ${JSON.stringify(tenantRoleName)} && (!has(object.subjects) || object.subjects.all(s, ${subjectTerms(allowed)})))`,
                    message: `a tenant RoleBinding may only grant ${tenantRoleName} to the tenant identities`,
                },
            ],
        },
    }, opts);
    const binding = new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(name, {
        metadata: { name, labels: commonLabels },
        spec: { policyName: policy.metadata.name, validationActions: ["Deny"] },
    }, opts);
    return [policy, binding];
}

/**
 * Who may do what on the cluster, as webstack:access says (cluster.admins are the cloud's: EKS access policy, GKE
 * IAM): previewers get `view`; review
 * stacks and the sweep get the tenant bootstrap role, confined by admission policy to their namespaces, where each
 * tenant stack's RoleBinding grants them the tenant role (`tenantSubjects`, exported for the tenants).
 */
export class KubernetesAccess extends pulumi.ComponentResource {
    /** Subjects every tenant namespace binds the tenant role to: the review stacks' and the sweep's identities. */
    readonly tenantSubjects: Subject[];

    constructor(name: string, args: KubernetesAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:access:Kubernetes", name, {}, opts);
        const childOpts: pulumi.CustomResourceOptions = { parent: this, provider: args.provider };
        const subjects = (role: AccessRole) => subjectsOf(args.access, role, args.cloud);
        if (subjects("previewers").length > 0) clusterRoleBinding("webstack-previewers", "view", subjects("previewers"), childOpts);

        this.tenantSubjects = [...subjects("reviewStacks"), ...subjects("sweepers")];
        if (this.tenantSubjects.length > 0) {
            new k8s.rbac.v1.ClusterRole(tenantRoleName, { metadata: { name: tenantRoleName, labels: commonLabels }, rules: tenantRules }, childOpts);
            new k8s.rbac.v1.ClusterRole(tenantBootstrapRoleName, { metadata: { name: tenantBootstrapRoleName, labels: commonLabels }, rules: tenantBootstrapRules }, childOpts);
            clusterRoleBinding(tenantBootstrapRoleName, tenantBootstrapRoleName, this.tenantSubjects, childOpts);
            for (const role of ["reviewStacks", "sweepers"] as const) {
                if (subjects(role).length === 0) continue;
                confinement(`webstack-${role === "reviewStacks" ? "review-stacks" : "sweepers"}`, subjects(role), this.tenantSubjects, tenantNamespacePatterns[role], childOpts);
            }
        }
        this.registerOutputs({ tenantSubjects: this.tenantSubjects });
    }
}
