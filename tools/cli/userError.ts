/** A failure the user can act on (a missing file, a bad name, a command that failed): printed as its message alone. */
export class UserError extends Error {
    override name = "UserError";
}
