import { builtAppsCommand } from "./builtAppsCommand";
import { processIO } from "./shell";

process.exitCode = builtAppsCommand(process.argv.slice(2), processIO());
