// The file `pulumi up` runs (Pulumi.yaml `main`). It loads the TypeScript program transpile-only through
// tsx (esbuild) so a preview never type-checks the provider typings; `npm test` runs the type check.
require("tsx/cjs/api").register();
module.exports = require("./index.ts");
