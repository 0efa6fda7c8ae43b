import { z } from "zod";
import { clouds } from "../kube/cloud";
import { platformDefaults } from "../platform/names";
import { accessSchema, developerSchema } from "./access";
import { appsSchema } from "./apps";
import { clusterSchema } from "./cluster";
import { dnsSchema } from "./dns";
import { dnsSubdomain, email, flag, imageTag, nonEmpty } from "./formats";
import { kubeClientSchema } from "./kubeClient";
import { tenantSchema } from "./tenant";

/** Every key of the `webstack:` namespace, each with its description and default (docs/configuration.md is made from them). */
export const rootShape = {
    cloud: z.enum(clouds).optional().describe("Where the cluster comes from: gcp (GKE), aws (EKS) or existing (a kubeconfig). Required, except on tenant stacks, which must not set it."),
    prod: flag.optional().describe("Treat this stack as production: stateful resources protected, the prod issuer, no weakened security defaults. Default: true for the stack named prod."),
    cluster: clusterSchema.optional().describe("The cluster to create; required with cloud gcp or aws."),
    kubeconfig: nonEmpty.optional().describe("cloud existing: the kubeconfig's contents, set with --secret. Default: the default kubeconfig ($KUBECONFIG or ~/.kube/config)."),
    kubeContext: nonEmpty.optional().describe("cloud existing: the kubeconfig context to use. Default: its current context."),
    existing: z
        .strictObject({
            loadBalancerAddresses: flag.default(false).describe("LoadBalancer Services get an external address: false on minikube and kind, where Pulumi must not wait for one."),
            storageClass: dnsSubdomain.optional().describe("StorageClass of the apps' PVCs. Default: the cluster's default class."),
            developers: z
                .array(developerSchema)
                .default([])
                .describe("Developers (their Kubernetes user names) and their tenant stacks: this stack creates those namespaces with their quota, and grants each developer edit there only."),
        })
        .default({ loadBalancerAddresses: false, developers: [] })
        .describe("cloud existing: what the adopted cluster offers."),
    platform: z
        .strictObject({
            ingressController: flag.default(platformDefaults.ingressController).describe("Install the Traefik ingress controller."),
            certManager: flag.default(platformDefaults.certManager).describe("Install cert-manager and the Let's Encrypt ClusterIssuers."),
        })
        .default({ ...platformDefaults })
        .describe("Platform pieces; each can be switched off on existing clusters only (the cluster brings its own)."),
    acmeEmail: email.optional().describe("Contact address of the Let's Encrypt account; required when an app is served over TLS."),
    domain: dnsSubdomain.refine((d) => d.includes("."), "must be a DNS domain such as dev.example.com").optional().describe("DNS zone the apps' hosts live under; tenant hosts are <app>-<stack>.<domain>."),
    dns: dnsSchema.optional().describe("DNS records for every Ingress host, written by external-dns. Default: none; create the one wildcard record by hand (the dnsRecord output)."),
    apps: appsSchema.default({}).describe("The web apps: app name → app."),
    imageTag: imageTag.optional().describe("Tag of the images built here. Default: IMAGE_TAG, then GITHUB_SHA, then the checked-out commit."),
    allowDirty: flag.default(false).describe("Let prod deploy a checked-out commit with uncommitted changes."),
    sharedCluster: z
        .string()
        .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be <org>/<project>/<stack>")
        .optional()
        .describe("<org>/<project>/<stack> of the shared cluster's stack; makes this a tenant stack. Default for dev-<name> and pr-<number> stacks: <org>/webstack/dev."),
    tenant: tenantSchema.prefault({}).describe("The quota and container defaults of tenant namespaces (a tenant's own, or those the shared stack provisions)."),
    access: accessSchema.prefault({}).describe("Identities let into the cluster besides cluster.admins and cluster.developers, one role each."),
    kubeClient: kubeClientSchema.prefault({}).describe("How fast the Kubernetes provider may call the API server (its client's kubeClientSettings). The provider's own limits, qps 50 and burst 120, make requests wait in line once many steps run at once (many apps, a high pulumi up --parallel); see docs/performance.md."),
};

export const knownKeys = Object.keys(rootShape);

export type RootShape = typeof rootShape;
export type RootConfig = { [K in keyof RootShape]: import("zod").infer<RootShape[K]> };
