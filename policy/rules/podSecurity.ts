import { containerRule } from "./containers";

/** The `restricted` Pod Security Standard's user checks: non-root, and no explicit uid 0. */
export const runAsNonRoot = containerRule({
    name: "run-as-non-root",
    description: "Every container runs with runAsNonRoot (set on the pod or the container) and not as uid 0.",
    enforcementLevel: "mandatory",
    checkContainer({ container }, pod) {
        const nonRoot = container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
        const user = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
        if (user === 0) return "runs as uid 0 (runAsUser: 0); run as a non-zero uid";
        return nonRoot === true ? undefined : "may run as root; set securityContext.runAsNonRoot: true on the pod or the container";
    },
});

export const noPrivilegeEscalation = containerRule({
    name: "no-privilege-escalation",
    description: "Every container sets allowPrivilegeEscalation: false and is not privileged.",
    enforcementLevel: "mandatory",
    checkContainer({ container }) {
        const context = container.securityContext;
        return [
            ...(context?.privileged === true ? ["is privileged; remove securityContext.privileged"] : []),
            ...(context?.allowPrivilegeEscalation === false ? [] : ["may escalate privileges; set securityContext.allowPrivilegeEscalation: false"]),
        ];
    },
});

export const readOnlyRootFilesystem = containerRule({
    name: "read-only-root-filesystem",
    description: "Every container has a read-only root filesystem (emptyDir volumes for scratch space).",
    enforcementLevel: "mandatory",
    checkContainer({ container }) {
        return container.securityContext?.readOnlyRootFilesystem === true
            ? undefined
            : "has a writable root filesystem; set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it writes";
    },
});
