// The file `pulumi up` runs (Pulumi.yaml `main`), under the tsx loader that Pulumi.yaml's nodeargs install.
// tests/cli/loader.test.ts loads it exactly that way.
module.exports = require("./index.ts");
