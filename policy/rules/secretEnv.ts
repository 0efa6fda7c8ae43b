import { containerRule } from "./containers";

/** Environment variable names that hold credentials. */
export const secretLookingName = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;

export const noPlaintextSecretEnv = containerRule({
    name: "no-plaintext-secret-env",
    description: "Environment variables named like credentials (…_TOKEN, …_PASSWORD, API_KEY, …) come from a Secret (valueFrom), never a literal value.",
    enforcementLevel: "mandatory",
    checkContainer({ container }) {
        return (container.env ?? [])
            .filter((variable) => secretLookingName.test(variable.name ?? "") && typeof variable.value === "string" && variable.value !== "")
            .map((variable) => `env ${variable.name} has a literal value; take it from a Secret (valueFrom.secretKeyRef, fed by pulumi config set --secret)`);
    },
});
