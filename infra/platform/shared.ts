import { appIngressAnnotations } from "./entryPoints";
import type { PlatformInfo } from "./index";
import { ingressClassName, ingressNamespace, issuerNames } from "./names";

/**
 * The shared dev cluster's platform as tenant stacks see it: the same names the owning stack installed; a
 * tenant stack installs nothing and waits for nothing. Its ingress address comes from the owning stack, and the
 * owning stack's external-dns (if any) writes the records of the tenant's Ingress hosts.
 */
export const sharedPlatform: PlatformInfo = {
    ingressClassName,
    ingressNamespace,
    issuers: { ...issuerNames },
    ingressAnnotations: appIngressAnnotations,
    ingressDependencies: () => [],
};
