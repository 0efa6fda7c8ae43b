import { z } from "zod";
import { dnsLabelPattern } from "../kube/dnsLabel";

/** Value formats shared by every config section. Each carries the sentence an operator sees on a bad value. */

export const dnsLabel = z
    .string()
    .regex(
        dnsLabelPattern,
        "must be a DNS-1123 label: 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit",
    );

export const dnsSubdomain = z
    .string()
    .max(253, "must be at most 253 characters")
    .regex(
        /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
        "must be a DNS-1123 subdomain: lower-case labels of letters, digits or '-', separated by '.'",
    );

/** A fully qualified host name as an Ingress or certificate would carry it (no wildcard, no trailing dot). */
export const hostname = z
    .string()
    .max(253, "must be at most 253 characters")
    .regex(
        /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/,
        "must be a lower-case fully qualified host name such as app.example.com",
    );

export const cidr = z.cidrv4({ message: "must be an IPv4 CIDR block such as 203.0.113.0/24" });

export const nonEmpty = z.string().trim().min(1, "must not be empty");

export const email = z.email({ message: "must be an e-mail address" });

export const absolutePath = z
    .string()
    .regex(/^\/[^\0]*$/, "must be an absolute path")
    .refine((p) => !p.split("/").includes(".."), "must not contain '..'");

/** Kubernetes CPU quantity: cores ("0.5", "2") or millicores ("250m"). */
export const cpuQuantity = z
    .string()
    .regex(/^([0-9]+(\.[0-9]+)?|[0-9]+m)$/, "must be a CPU quantity such as 250m or 1.5");

/** Kubernetes memory/storage quantity with a binary or decimal suffix ("128Mi", "10Gi", "1G"). */
export const byteQuantity = z
    .string()
    .regex(/^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/, "must be a quantity such as 128Mi or 10Gi");

export const envName = z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name: letters, digits and '_', not starting with a digit");

export const labelKey = z
    .string()
    .regex(
        /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/,
        "must be a Kubernetes label key: an optional DNS prefix and '/', then 1-63 letters, digits, '-', '_' or '.'",
    );

export const labelValue = z
    .string()
    .regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/, "must be a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.'");

/** An image repository without tag or digest, optionally with a registry host ("ghcr.io/acme/web", "nginx"). */
export const imageRepository = z
    .string()
    .regex(
        /^([a-z0-9.-]+(:[0-9]+)?\/)?[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
        "must be an image repository without tag or digest, such as nginxinc/nginx-unprivileged or ghcr.io/acme/web",
    );

/** A pinned image tag: a release tag or a commit SHA, never `latest`. */
export const imageTag = z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "must be an image tag: letters, digits, '_', '.' or '-', at most 128 characters")
    .refine((t) => t.toLowerCase() !== "latest", "must be pinned; 'latest' moves under your feet");

export const kubernetesVersion = z
    .string()
    .regex(/^1\.[0-9]{2}(\.[0-9]+)?$/, "must be a Kubernetes minor version such as 1.31 (optionally with a patch)");

/** A config key in this project's namespace, as `pulumi config set` takes it (without the `webstack:` prefix). */
export const configKeyName = z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "must name a config key in the webstack namespace, such as webServerToken");

/** Accepts a config string "true"/"false" (how the engine passes scalars) or a real boolean; like Config.getBoolean, nothing else. */
export const flag = z.union([z.boolean(), z.stringbool({ truthy: ["true"], falsy: ["false"], case: "sensitive" })], { message: "must be true or false" });
