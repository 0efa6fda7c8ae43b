import { z } from "zod";
import { cidr, dnsLabel } from "./formats";
import { internet, kindOf } from "../webapp/egress";
import { portNumber } from "./ports";

const target = z.string().superRefine((to, ctx) => {
    if (to === internet) return;
    const ok = to.includes("/") ? cidr.safeParse(to).success : dnsLabel.safeParse(to).success;
    if (!ok) ctx.addIssue({ code: "custom", input: to, message: "must be an app name, an IPv4 CIDR block such as 203.0.113.0/24, or internet" });
});

/**
 * One destination an app may open connections to, besides the apps of its own namespace and DNS (always allowed).
 * Opening the internet is explicit: `to: internet` with the ports it needs.
 */
export const egressRuleSchema = z
    .strictObject({
        to: target.describe("An app of this stack (its name), an IPv4 CIDR block, or internet (every public address: not private ranges, not the metadata server)."),
        ports: z.array(portNumber).min(1, "must list at least one port").optional().describe("Destination ports; required with a CIDR block or internet. To an app, default: its port (its servicePort may be named too)."),
        protocol: z.enum(["TCP", "UDP"]).default("TCP").describe("TCP or UDP; to an app, TCP only."),
    })
    .superRefine((rule, ctx) => {
        const kind = kindOf(rule.to);
        if (kind !== "app" && rule.ports === undefined) {
            ctx.addIssue({ code: "custom", path: ["ports"], input: undefined, message: `is required when to is ${kind === "internet" ? "internet" : "a CIDR block"}: name the ports the app needs` });
        }
        if (kind === "app" && rule.protocol !== "TCP") {
            ctx.addIssue({ code: "custom", path: ["protocol"], input: rule.protocol, message: `must be TCP when to is an app (${rule.to} serves TCP)` });
        }
    })
    .transform((rule) => ({ ...rule, kind: kindOf(rule.to) }));

export type EgressRule = z.infer<typeof egressRuleSchema>;
