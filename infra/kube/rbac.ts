/** The API group of Roles, ClusterRoles and their bindings. */
export const rbacApiGroup = "rbac.authorization.k8s.io";

/** An RBAC subject (rbac.authorization.k8s.io/v1 Subject). */
export interface Subject {
    kind: "User" | "Group";
    name: string;
    apiGroup: typeof rbacApiGroup;
}

/** A Kubernetes user name as an RBAC subject. */
export function userSubject(name: string): Subject {
    return { kind: "User", name, apiGroup: rbacApiGroup };
}

/** A Kubernetes group as an RBAC subject. */
export function groupSubject(name: string): Subject {
    return { kind: "Group", name, apiGroup: rbacApiGroup };
}

/** A GKE IAM member as RBAC sees it: groups (Google Groups for RBAC) as Group, users and service accounts by e-mail. */
export function gkeMemberSubject(member: string): Subject {
    const [type, email] = [member.slice(0, member.indexOf(":")), member.slice(member.indexOf(":") + 1)];
    return type === "group" ? groupSubject(email) : userSubject(email);
}
