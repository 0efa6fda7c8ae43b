import { processIO } from "./shell";
import { stackCommand } from "./stackCommand";

process.exitCode = stackCommand(process.argv.slice(2), processIO());
