/** Bad usage of a command (unknown option, missing input): the CLIs exit 2 and print the message. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
