import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { commonLabels } from "../app/labels";
import type { Subject } from "./subjects";
import { tenantRoleName } from "./tenantRoles";

/** Grants the tenant role to `subjects` in one tenant namespace (`<name>` the Pulumi resource name). */
export function tenantRoleBinding(name: string, namespace: pulumi.Input<string>, subjects: pulumi.Input<Subject[]>, opts: pulumi.CustomResourceOptions): k8s.rbac.v1.RoleBinding {
    return new k8s.rbac.v1.RoleBinding(name, {
        metadata: { name: tenantRoleName, namespace, labels: commonLabels },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: tenantRoleName },
        subjects,
    }, opts);
}
