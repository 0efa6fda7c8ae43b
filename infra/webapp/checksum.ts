import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";

/** Pod-template annotation whose change rolls the pods when the app's Secret or ConfigMap content changes. */
export const checksumAnnotation = "webstack.dev/config-checksum";

type Contents = Record<string, pulumi.Input<string>>;

/** Key order must not change the digest. */
function canonical(value: Record<string, Record<string, string>>): string {
    const sorted = (o: Record<string, string>) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
    return JSON.stringify(Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])])));
}

/**
 * sha256 over the contents of the app's Secret and ConfigMap. The Secret values are secret Outputs, so the
 * digest is computed inside an apply and comes out secret; it is unsecreted on purpose: a secret leaf would
 * make the Deployment's pod template secret in state and in every preview diff, hiding all of its changes from
 * review. A sha256 cannot be reversed; it only lets someone with state access test guesses, which matters for
 * weak passwords, not for the random tokens secretEnv is meant for. Helm's `checksum/secret` makes the same trade.
 */
export function contentChecksum(contents: Record<string, Contents>): pulumi.Output<string> {
    const resolved = pulumi.all(Object.fromEntries(Object.entries(contents).map(([k, v]) => [k, pulumi.all(v)])));
    const digest = resolved.apply((c) => createHash("sha256").update(canonical(c as Record<string, Record<string, string>>)).digest("hex"));
    return pulumi.unsecret(digest);
}
