// Runs first in the npm scripts, under whatever `node` npm found: plain CommonJS that any Node.js can load.
// npm ci installs the pinned Node.js 22 into node_modules (optional dependency node-linux-<arch>) and npm scripts
// put node_modules/.bin first on PATH; where that package does not exist (not Linux x64/arm64), the machine's own
// Node.js must be 22.
const { engines } = require("../package.json");

/** Why Node.js `version` (process.version) cannot run the project, or undefined when it can. */
function nodeProblem(version, execPath) {
    const needed = /^>=(\d+)\.(\d+)$/.exec(engines.node);
    if (!needed) throw new Error(`package.json engines.node must read >=<major>.<minor> (got ${engines.node})`);
    const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
    const [wantMajor, wantMinor] = [Number(needed[1]), Number(needed[2])];
    if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) return undefined;
    return `webstack needs Node.js ${engines.node}, but this is ${version} (${execPath}): run npm ci (it installs Node.js ${wantMajor} ` +
        `into node_modules on Linux x64 and arm64), or install Node.js ${wantMajor} LTS and put it first on PATH.`;
}

module.exports = { nodeProblem };

if (require.main === module) {
    const problem = nodeProblem(process.version, process.execPath);
    if (problem) {
        console.error(problem);
        process.exit(1);
    }
}
