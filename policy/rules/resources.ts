import { containerRule } from "./containers";

const required = [["requests", "cpu"], ["requests", "memory"], ["limits", "cpu"], ["limits", "memory"]] as const;

export const containerResources = containerRule({
    name: "container-resources",
    description: "Every container declares CPU and memory requests and limits.",
    enforcementLevel: "mandatory",
    checkContainer({ container }) {
        const missing = required.filter(([kind, resource]) => container.resources?.[kind]?.[resource] === undefined).map((pair) => pair.join("."));
        return missing.length > 0 ? `sets no resources.${missing.join(", resources.")}; declare cpu and memory requests and limits` : undefined;
    },
});
