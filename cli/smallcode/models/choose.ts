import type { Flags } from "../args.ts";
import type { ResolvedConfig } from "../config/index.ts";
import { describeOrigin } from "../config/index.ts";

/**
 * Which model a command talks to: a server at a base URL, a model file run in process, or the
 * default embedded model. Pure. The order, first match wins:
 * 1. `--model-file PATH` (a file);
 * 2. `--base-url URL` (a server);
 * 3. `SMALLCODE_MODEL_FILE` in the environment (a file);
 * 4. `base_url` set anywhere else: environment, `.env`, `smallcode.toml`, user config (a server);
 * 5. `[embedded] model_file` in the user's config (a file);
 * 6. nothing: the default model, downloaded on first use with consent (models/obtain.ts).
 */

/** The outcome of {@link chooseConnection}. */
export type Connection =
  | { readonly kind: "server"; readonly baseUrl: string; readonly origin: string }
  | { readonly kind: "file"; readonly file: string; readonly origin: string }
  | { readonly kind: "default" };

/** Picks the connection a configuration stands for (see the module comment). */
export function chooseConnection(config: ResolvedConfig, flags: Flags): Connection {
  const base = config.values.base_url;
  const file = config.embedded.modelFile;
  const server = (): Connection => ({
    kind: "server",
    baseUrl: base!.value,
    origin: describeOrigin(base!.origin),
  });
  const local = (): Connection => ({ kind: "file", file: file!.value, origin: file!.origin });
  if (flags.modelFile !== undefined && file) return local();
  if (flags.baseUrl !== undefined) return server();
  if (file?.origin.startsWith("environment")) return local();
  if (base && base.origin.kind !== "default") return server();
  if (file) return local();
  return { kind: "default" };
}
