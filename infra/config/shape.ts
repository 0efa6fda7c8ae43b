import { z } from "zod";
import { accessSchema } from "./access";
import { appsSchema } from "./apps";
import { clusterSchema } from "./cluster";
import { dnsSchema } from "./dns";
import { dnsSubdomain, email, flag, imageTag, nonEmpty } from "./formats";
import { tenantSchema } from "./tenant";
import { clouds } from "../kube/cloud";
import { platformDefaults } from "../platform/names";

/** Every key of the `webstack:` namespace. Each field documents its default. */
export const rootShape = {
    /** Where the cluster comes from: gcp (GKE), aws (EKS) or existing (a kubeconfig). Not set on tenant stacks. */
    cloud: z.enum(clouds).optional(),
    /** Treat this stack as production (protect, prod issuer, stricter checks). Default: true for the stack named prod. */
    prod: flag.optional(),
    /** The cluster to create on gcp/aws. */
    cluster: clusterSchema.optional(),
    /** existing: kubeconfig contents (secret). Default: the default kubeconfig. */
    kubeconfig: nonEmpty.optional(),
    /** existing: context of the kubeconfig to use. Default: its current context. */
    kubeContext: nonEmpty.optional(),
    /** existing: what the adopted cluster offers. */
    existing: z
        .strictObject({
            /** LoadBalancer Services get an external address (false on minikube/kind). Default false. */
            loadBalancerAddresses: flag.default(false),
            /** StorageClass for PVCs. Default: the cluster's default class. */
            storageClass: dnsSubdomain.optional(),
        })
        .default({ loadBalancerAddresses: false }),
    /** Platform pieces; each can be switched off on existing clusters only. */
    platform: z
        .strictObject({
            /** The Traefik ingress controller. Default true. */
            ingressController: flag.default(platformDefaults.ingressController),
            /** cert-manager and the Let's Encrypt ClusterIssuers. Default true. */
            certManager: flag.default(platformDefaults.certManager),
        })
        .default({ ...platformDefaults }),
    /** Contact address for Let's Encrypt; required when an app is served over TLS. */
    acmeEmail: email.optional(),
    /** DNS zone the apps' hosts live under; tenant hosts are <app>.<stack>.<domain>. */
    domain: dnsSubdomain.refine((d) => d.includes("."), "must be a DNS domain such as dev.example.com").optional(),
    /** DNS records for Ingress hosts through external-dns: `{ provider: cloud-dns | route53, zone }`. Default: none. */
    dns: dnsSchema.optional(),
    /** App name → app. Default: none. */
    apps: appsSchema.default({}),
    /** Tag for images built here; overrides IMAGE_TAG, GITHUB_SHA and git. */
    imageTag: imageTag.optional(),
    /** Let prod deploy a commit with uncommitted changes. Default false. */
    allowDirty: flag.default(false),
    /** `<org>/<project>/<stack>` of the shared cluster stack; makes this a tenant stack. */
    sharedCluster: z
        .string()
        .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be <org>/<project>/<stack>")
        .optional(),
    /** Tenant namespace quota and container defaults. */
    tenant: tenantSchema.prefault({}),
    /** Identities let into the cluster (admins, previewers, review stacks, the sweep). Default: none beyond the creator. */
    access: accessSchema.prefault({}),
};

export const knownKeys = Object.keys(rootShape);

export type RootShape = typeof rootShape;
export type RootConfig = { [K in keyof RootShape]: import("zod").infer<RootShape[K]> };
