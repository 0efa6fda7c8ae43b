import { z } from "zod";
import { kubeClientDefaults } from "../kube/kubeClient";

/** webstack:kubeClient: the rate limits of the Kubernetes provider's client (kubeClientSettings). */
export const kubeClientSchema = z
    .strictObject({
        qps: z.number().positive("must be more than 0").max(10_000).default(kubeClientDefaults.qps).describe("Requests per second the Kubernetes provider may send the API server, sustained."),
        burst: z.int({ message: "must be a whole number of requests" }).min(1).max(20_000).default(kubeClientDefaults.burst).describe("Requests it may send at once above that rate; at least qps."),
    })
    .superRefine((c, ctx) => {
        if (c.burst < c.qps) ctx.addIssue({ code: "custom", path: ["burst"], input: c.burst, message: `must be at least qps (${c.qps})` });
    });

export type KubeClientConfig = z.infer<typeof kubeClientSchema>;
