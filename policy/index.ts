import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

// Serves the policies to the engine: `pulumi preview --policy-pack policy`. Constructing a PolicyPack starts the
// analyzer's gRPC server, so nothing else imports this file.
new PolicyPack("webstack", {
    description: "webstack security and operability defaults: pinned images, hardened pods, TLS, protected prod state.",
    enforcementLevel: "mandatory",
    policies,
});
