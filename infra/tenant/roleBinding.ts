import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { commonLabels } from "../kube/labels";
import type { Subject } from "../kube/rbac";
import { tenantRoleName } from "../kube/tenancy";
import { tenantRoleBindingSpec } from "./namespaceObjects";

/** Grants the tenant role to `subjects` in one tenant namespace (`<name>` the Pulumi resource name). */
export function tenantRoleBinding(name: string, namespace: pulumi.Input<string>, subjects: pulumi.Input<Subject[]>, opts: pulumi.CustomResourceOptions): k8s.rbac.v1.RoleBinding {
    return new k8s.rbac.v1.RoleBinding(name, {
        metadata: { name: tenantRoleName, namespace, labels: commonLabels },
        ...tenantRoleBindingSpec([]),
        subjects,
    }, opts);
}
