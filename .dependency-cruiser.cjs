// The import rules of webstack (docs/architecture.md), checked by `npm test` (tests/run.sh). Layers, top to bottom:
//
//   tools/                         render, diff, mocks, workflow CLIs, bench: run the program
//   stacks/                        composition root: config → component props
//   infra/config/                  the user-facing contract: schema, rules, parse, image tag
//   infra/webapp/                  the WebApp component and its namespace
//   infra/platform | access | tenant   siblings: none imports another
//   infra/cluster/                 GKE, EKS, existing and shared clusters, their registries
//   infra/kube/                    shared Kubernetes vocabulary: imports only @pulumi/* and node
//
// A module may import its own layer's folder and any layer below it, never one above. policy/ and app/ stand apart.
const layers = [
    { name: "kube", path: "^infra/kube/" },
    { name: "cluster", path: "^infra/cluster/" },
    { name: "components", path: "^infra/(platform|access|tenant)/" },
    { name: "webapp", path: "^infra/webapp/" },
    { name: "config", path: "^infra/config/" },
    { name: "stacks", path: "^stacks/" },
    { name: "tools", path: "^tools/" },
];

const upward = layers.slice(0, -1).map((layer, i) => ({
    name: `no-import-above-${layer.name}`,
    comment: `${layer.path} sits below ${layers.slice(i + 1).map((l) => l.name).join(", ")}: it may not import them`,
    severity: "error",
    from: { path: layer.path },
    to: { path: layers.slice(i + 1).map((l) => l.path).join("|") },
}));

module.exports = {
    forbidden: [
        {
            name: "no-circular",
            comment: "an import cycle: two modules that need each other are one concept, or one of them holds a third",
            severity: "error",
            from: {},
            to: { circular: true },
        },
        ...upward,
        {
            name: "components-are-siblings",
            comment: "platform, access and tenant are siblings: shared vocabulary belongs in infra/kube",
            severity: "error",
            from: { path: "^infra/(platform|access|tenant)/" },
            to: { path: "^infra/(platform|access|tenant)/", pathNot: "^infra/$1/" },
        },
        {
            name: "kube-imports-only-pulumi",
            comment: "infra/kube is the shared vocabulary: it depends on @pulumi/* and node's own modules only",
            severity: "error",
            from: { path: "^infra/kube/" },
            to: { dependencyTypes: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown"], pathNot: "node_modules/@pulumi/" },
        },
        {
            name: "program-never-imports-tests",
            comment: "the program and its tools never depend on tests; the engine benchmark alone runs the engine tier's harness",
            severity: "error",
            from: { path: "^(infra|stacks|policy|app|tools)/", pathNot: "^tools/bench/engine\\.ts$" },
            to: { path: "^tests/" },
        },
        {
            name: "policy-and-app-stand-apart",
            comment: "the policy pack and the sample server are deployed on their own: they import nothing of the program",
            severity: "error",
            from: { path: "^(policy|app)/" },
            to: { path: "^(infra|stacks|tools)/" },
        },
        {
            name: "not-to-unresolvable",
            comment: "an import that resolves to nothing",
            severity: "error",
            from: {},
            to: { couldNotResolve: true },
        },
    ],
    options: {
        doNotFollow: { path: "node_modules" },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: "tsconfig.json" },
        exclude: { path: "^(node_modules|out)/" },
        moduleSystems: ["cjs", "es6"],
    },
};
