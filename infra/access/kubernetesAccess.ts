import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { Cloud } from "../kube/cloud";
import { commonLabels } from "../kube/labels";
import { podSecurityEnforceLabel } from "../kube/podSecurity";
import { rbacApiGroup, type Subject } from "../kube/rbac";
import { previewerRoleName, tenantNamespacePatterns, tenantProvisionerRoleName, tenantRoleName, tenantStackLabel } from "../kube/tenancy";
import type { AccessIdentities, AccessRole } from "./identities";
import { requestFrom, subjectsOf } from "./subjects";
import { previewerRules, tenantProvisionerRules, tenantRules } from "./tenantRoles";

export interface KubernetesAccessArgs {
    /** The identities of each role (webstack:access). */
    access: AccessIdentities;
    cloud: Cloud;
    provider: k8s.Provider;
}

function clusterRole(name: string, rules: k8s.types.input.rbac.v1.PolicyRule[], opts: pulumi.CustomResourceOptions): k8s.rbac.v1.ClusterRole {
    return new k8s.rbac.v1.ClusterRole(name, { metadata: { name, labels: commonLabels }, rules }, opts);
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
 * The admission policy that confines one tenant identity to the namespaces matching `pattern`: every request it
 * makes (subresources such as pods/exec, and CONNECT, included) outside them is refused, a namespace it creates
 * must be a tenant namespace enforcing Pod Security restricted, and a RoleBinding may only grant the tenant role
 * to `bindable`.
 */
function confinement(name: string, subjects: Subject[], bindable: Subject[], pattern: string, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
    const labelIs = (key: string, value: string) => `(${JSON.stringify(key)} in object.metadata.labels && object.metadata.labels[${JSON.stringify(key)}] == ${value})`;
    const policy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(name, {
        metadata: { name, labels: commonLabels },
        spec: {
            failurePolicy: "Fail",
            matchConstraints: {
                // Every resource and every subresource (pods/exec, serviceaccounts/token, …): "*/*" covers both.
                resourceRules: [{ apiGroups: ["*"], apiVersions: ["*"], operations: ["CREATE", "UPDATE", "DELETE", "CONNECT"], resources: ["*/*"], scope: "*" }],
            },
            matchConditions: [{ name: "from-tenant-identity", expression: requestFrom(subjects) }],
            variables: [{ name: "target", expression: "request.resource.resource == 'namespaces' ? request.name : request.namespace" }],
            validations: [
                {
                    expression: `variables.target.matches(${JSON.stringify(pattern)})`,
                    messageExpression: `'this identity may only change namespaces matching ${pattern}, not ' + (variables.target == '' ? 'cluster-scoped ' + request.resource.resource : variables.target)`,
                },
                {
                    expression: `request.resource.resource != 'namespaces' || (has(request.subResource) && request.subResource != '') || request.operation == 'DELETE' || (has(object.metadata.labels) && ${labelIs(podSecurityEnforceLabel, "'restricted'")} && ${labelIs(tenantStackLabel, "object.metadata.name")})`,
                    message: `a tenant namespace must enforce Pod Security restricted and carry ${tenantStackLabel}: <its name>`,
                },
                {
                    expression: `request.resource.resource != 'rolebindings' || request.operation == 'DELETE' || (object.roleRef.kind == 'ClusterRole' && object.roleRef.name == ${JSON.stringify(tenantRoleName)} && (!has(object.subjects) || object.subjects.all(s, ${subjectTerms(bindable)})))`,
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
 * IAM). Previewers read what a preview reads (no Secrets, no pod logs). Review stacks get nothing cluster-wide:
 * only the tenant role, through the RoleBinding of each pr-<number> namespace the provisioner makes. The sweep
 * provisions and removes tenant namespaces, confined by admission policy to them; both tenant identities are.
 */
export class KubernetesAccess extends pulumi.ComponentResource {
    /** Who may be granted the tenant role in a tenant namespace: the review stacks' and the sweep's identities. */
    readonly tenantSubjects: Subject[];

    constructor(name: string, args: KubernetesAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("webstack:access:Kubernetes", name, {}, opts);
        const childOpts: pulumi.CustomResourceOptions = { parent: this, provider: args.provider };
        const subjects = (role: AccessRole) => subjectsOf(args.access, role, args.cloud);
        if (subjects("previewers").length > 0) {
            clusterRole(previewerRoleName, previewerRules, childOpts);
            clusterRoleBinding("webstack-previewers", previewerRoleName, subjects("previewers"), childOpts);
        }

        this.tenantSubjects = [...subjects("reviewStacks"), ...subjects("sweepers")];
        if (this.tenantSubjects.length > 0) clusterRole(tenantRoleName, tenantRules, childOpts);
        if (subjects("sweepers").length > 0) {
            clusterRole(tenantProvisionerRoleName, tenantProvisionerRules, childOpts);
            clusterRoleBinding(tenantProvisionerRoleName, tenantProvisionerRoleName, subjects("sweepers"), childOpts);
            confinement("webstack-sweepers", subjects("sweepers"), this.tenantSubjects, tenantNamespacePatterns.sweepers, childOpts);
        }
        if (subjects("reviewStacks").length > 0) {
            confinement("webstack-review-stacks", subjects("reviewStacks"), [], tenantNamespacePatterns.reviewStacks, childOpts);
        }
        this.registerOutputs({ tenantSubjects: this.tenantSubjects });
    }
}
