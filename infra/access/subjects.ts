import type { Cloud } from "../kube/cloud";
import { gkeMemberSubject, groupSubject, userSubject, type Subject } from "../kube/rbac";
import { identitiesOf, type AccessIdentities, type AccessRole } from "./identities";

/**
 * The Kubernetes group an EKS access entry puts a role's identities in (EKS maps an IAM role to groups; GKE and
 * adopted clusters name the identity itself).
 */
export const accessGroup = (role: AccessRole) => `webstack:${role}`;

/**
 * The subjects of one role: on EKS its group (its access entries carry it); on GKE each IAM member as RBAC sees it
 * (`group:` as a Group through Google Groups for RBAC, users and service accounts as a User by e-mail); on adopted
 * clusters each identity as a User name.
 */
export function subjectsOf(access: AccessIdentities, role: AccessRole, cloud: Cloud): Subject[] {
    const identities = identitiesOf(access, role);
    if (identities.length === 0) return [];
    if (cloud === "aws") return [groupSubject(accessGroup(role))];
    if (cloud === "gcp") return identities.map(gkeMemberSubject);
    return identities.map(userSubject);
}

/** A CEL condition true when the request comes from one of `subjects`. */
export function requestFrom(subjects: Subject[]): string {
    const users = subjects.filter((s) => s.kind === "User").map((s) => JSON.stringify(s.name));
    const groups = subjects.filter((s) => s.kind === "Group").map((s) => JSON.stringify(s.name));
    const terms = [
        ...(users.length ? [`request.userInfo.username in [${users.join(", ")}]`] : []),
        ...(groups.length ? [`request.userInfo.groups.exists(g, g in [${groups.join(", ")}])`] : []),
    ];
    return terms.join(" || ") || "false";
}
