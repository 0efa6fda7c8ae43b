import { stringify } from "yaml";
import { subjectsOf } from "../../infra/access/subjects";
import { commonLabels } from "../../infra/kube/labels";
import { isDeveloperStackName, tenantNamespace, tenantStackNameProblem } from "../../infra/kube/tenancy";
import type { Subject } from "../../infra/kube/rbac";
import type { TenantLimits } from "../../infra/tenant/limits";
import { tenantNamespaceManifests } from "../../infra/tenant/namespaceObjects";
import { UserError } from "../cli/userError";
import type { Kubectl } from "./kubectl";
import type { PulumiCli } from "./pulumiCli";
import { stackConfig } from "./stackConfig";

/**
 * What trusted code (a main-branch job, as the sweep's identity) does for tenant stacks, so that the code of a pull
 * request never sets its own quota nor runs anyone's code when its stack goes: make a namespace with its quota,
 * LimitRange and the tenant role for the review stacks; remove a stack without running its program or any
 * provider from its state.
 */

export interface TenantNamespaceOptions {
    /** The tenant stack: pr-<number>, or another tenant stack that is not a developer's. */
    stack: string;
    /** The shared stack whose config (webstack:tenant, webstack:access) the namespace follows. Default dev. */
    shared?: string;
    projectDir: string;
    kubectl: Kubectl;
    log(line: string): void;
}

function checkedNamespace(stack: string): string {
    const problem = tenantStackNameProblem(stack);
    if (problem) throw new UserError(`${stack} ${problem}`);
    return tenantNamespace(stack);
}

/**
 * Applies the namespace of a pull request's stack (server-side apply: a second run changes nothing), with the shared
 * stack's tenant limits and its review stacks' identities bound to the tenant role. A developer's namespace is the
 * shared stack's to make (its cluster.developers).
 */
export function provisionTenantNamespace(options: TenantNamespaceOptions): void {
    const { stack } = options;
    const namespace = checkedNamespace(stack);
    if (isDeveloperStackName(stack)) {
        throw new UserError(`${stack} is a developer's stack: its namespace comes from the shared stack's developers (cluster.developers or existing.developers), with its developer's access`);
    }
    const sharedName = options.shared?.split("/").pop() ?? "dev";
    const shared = stackConfig(options.projectDir, sharedName);
    if (!shared.cloud) throw new UserError(`${sharedName} is not a shared stack: it has no cloud of its own`);
    const subjects = subjectsOf(shared.access, "reviewStacks", shared.cloud);
    applyTenantNamespace(options.kubectl, namespace, { limits: shared.tenant, subjects });
    options.log(`namespace ${namespace}: quota, limits and the tenant role for ${subjects.map((s) => s.name).join(", ") || "nobody"} applied`);
}

/** Server-side applies a tenant namespace, its quota, LimitRange and tenant RoleBinding (a second apply changes nothing). */
export function applyTenantNamespace(kubectl: Kubectl, namespace: string, options: { limits?: TenantLimits; subjects: Subject[] }): void {
    const manifests = tenantNamespaceManifests(namespace, options);
    kubectl.must(["apply", "--server-side", "--field-manager=webstack-provisioner", "-f", "-"], manifests.map((m) => stringify(m)).join("---\n"));
}

/** The kinds a tenant stack creates in its namespace (what the tenant role manages). */
const tenantKinds = "deployments,services,ingresses,networkpolicies,configmaps,secrets,persistentvolumeclaims,horizontalpodautoscalers,poddisruptionbudgets";

export interface RemoveTenantOptions extends TenantNamespaceOptions {
    cli: PulumiCli;
    /** The stack's name as `pulumi stack ls` gives it (may carry `<org>/`). Default `stack`. */
    fullName?: string;
}

/**
 * Removes a tenant stack without running anything from its state: a pull request's namespace is deleted with all it
 * holds; in a developer's namespace (which the shared stack keeps) our objects are deleted; then the stack's record
 * goes (`pulumi stack rm --force`, which calls no provider).
 */
export function removeTenantStack(options: RemoveTenantOptions): void {
    const namespace = checkedNamespace(options.stack);
    if (isDeveloperStackName(options.stack)) {
        const selector = `app.kubernetes.io/part-of=${commonLabels["app.kubernetes.io/part-of"]}`;
        options.kubectl.must(["delete", tenantKinds, "-l", selector, "-n", namespace, "--ignore-not-found", "--wait=true"]);
        options.log(`namespace ${namespace}: the stack's objects deleted (the namespace is the shared stack's)`);
    } else {
        options.kubectl.must(["delete", "namespace", namespace, "--ignore-not-found", "--wait=true"]);
        options.log(`namespace ${namespace}: deleted, with all it held`);
    }
    const target = options.fullName ?? options.stack;
    if (options.cli.succeeds(["stack", "select", target])) options.cli.must(["stack", "rm", "--force", "--yes", "--stack", target]);
    options.log(`stack ${target}: removed`);
}
