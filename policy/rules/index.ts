import { prodOnDemandCapacity } from "./capacity";
import { prodControlPlaneLogs, prodEksAccessEntries, prodGkeMaintenanceWindow, prodSecretsEncrypted } from "./clusterHardening";
import { imagePinned } from "./images";
import { ingressTls } from "./ingress";
import { loadBalancerOptIn } from "./loadBalancer";
import { networkPolicyCoverage } from "./networkPolicy";
import { nodeGroupBounds } from "./nodeGroups";
import { noPrivilegeEscalation, readOnlyRootFilesystem, runAsNonRoot } from "./podSecurity";
import { containerProbes, distinctLivenessProbe } from "./probes";
import { prodEksHardened, prodGkeHardened, prodProtected } from "./prod";
import { autoscalerOwnsReplicas, disruptionBudget } from "./replicas";
import { containerResources } from "./resources";
import { noPlaintextSecretEnv } from "./secretEnv";
import type { Rule } from "./types";

export * from "./types";

/** Every rule of the pack, in the order the pack registers them. */
export const rules: Rule[] = [
    imagePinned,
    containerResources,
    containerProbes,
    runAsNonRoot,
    noPrivilegeEscalation,
    readOnlyRootFilesystem,
    noPlaintextSecretEnv,
    ingressTls,
    loadBalancerOptIn,
    prodProtected,
    prodGkeHardened,
    prodEksHardened,
    nodeGroupBounds,
    autoscalerOwnsReplicas,
    disruptionBudget,
    networkPolicyCoverage,
    prodOnDemandCapacity,
    distinctLivenessProbe,
    prodSecretsEncrypted,
    prodControlPlaneLogs,
    prodGkeMaintenanceWindow,
    prodEksAccessEntries,
];
