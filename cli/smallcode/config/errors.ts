/** What kind of configuration problem a {@link ConfigError} is. */
export type ConfigErrorCode =
  /** Bad TOML, an unknown key, a value of the wrong type, a variable that is not set. */
  | "CONFIG_INVALID"
  /** A project file (`smallcode.toml`, `.env`) asks for something only the user may decide. */
  | "PROJECT_NOT_TRUSTED"
  /** No model to run: the default model is not downloaded (and nobody agreed to it), or its download failed. */
  | "MODEL_MISSING";

/**
 * A configuration problem the user must fix (bad TOML, an unknown key, a value of the wrong type, a
 * missing API key variable, a project setting that needs the user's trust): exit code 2. The message
 * names where (file and line, or the variable or flag), the key, what is wrong and how to fix it.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly code: ConfigErrorCode;
  /** The file, or a description of the source (`environment variable SMALLCODE_MODEL`). */
  readonly where?: string;
  readonly line?: number;
  readonly key?: string;
  readonly fix: string;

  constructor(
    message: string,
    details: {
      readonly code?: ConfigErrorCode;
      readonly where?: string;
      readonly line?: number;
      readonly key?: string;
      readonly fix: string;
    },
  ) {
    super(message);
    this.code = details.code ?? "CONFIG_INVALID";
    if (details.where !== undefined) this.where = details.where;
    if (details.line !== undefined) this.line = details.line;
    if (details.key !== undefined) this.key = details.key;
    this.fix = details.fix;
  }

  /** The full text for the terminal: `where:line: message` and an indented `fix:` line. */
  format(): string {
    const at =
      this.where === undefined ? "" : `${this.where}${this.line !== undefined ? `:${this.line}` : ""}: `;
    const title =
      this.code === "PROJECT_NOT_TRUSTED"
        ? "refused project setting"
        : this.code === "MODEL_MISSING"
          ? "no model"
          : "invalid configuration";
    return `${title}: ${at}${this.message}\n  fix: ${this.fix}`;
  }
}
