import type { RuntimeOptions } from "../../../runtime/index.ts";
import type { ResolvedConfig } from "../config/index.ts";
import { ConfigError } from "../config/index.ts";
import { type Checked, type Detection, effectiveWindow } from "../endpoint/index.ts";
import type { SessionIo } from "../io.ts";
import type { Connection } from "../models/choose.ts";
import { type EmbeddedReady, modelFileOf, openEmbedded, preload } from "../models/embedded.ts";
import type { Consent } from "../models/obtain.ts";

/**
 * The `prepare` step when no server is configured: the model file (given, or the default one,
 * downloaded with consent), its metadata in place of an endpoint probe, and the runtime options that
 * let the embedded client serve SmallCode's declared models.
 */

/** What `prepare` returns for an embedded model, besides the root and the connection. */
export interface EmbeddedPrepared {
  readonly config: ResolvedConfig;
  readonly detection: Detection;
  readonly checked: Checked;
  readonly embedded?: EmbeddedReady;
}

/** The label detection and doctor show instead of a base URL. */
export const IN_PROCESS = "(in process)";

/**
 * Opens the embedded model. With `consent` "never" (doctor) a default model that is not downloaded
 * yet is reported as a failed check instead of thrown. @throws ConfigError
 */
export async function prepareEmbedded(
  connection: Exclude<Connection, { kind: "server" }>,
  config: ResolvedConfig,
  io: SessionIo,
  consent: Consent,
): Promise<EmbeddedPrepared> {
  const started = Date.now();
  let found: { file: string; origin: string };
  try {
    found = await modelFileOf(connection, config, io, consent);
  } catch (error) {
    if (consent !== "never" || !(error instanceof ConfigError) || error.code !== "MODEL_MISSING") throw error;
    const detection: Detection = { baseUrl: IN_PROCESS, reachable: false, windows: [], notes: [], ms: 0 };
    return { config, detection, checked: { ok: false, message: `${error.message}\n  fix: ${error.fix}` } };
  }
  const embedded = await openEmbedded(found.file, found.origin, config, io);
  const { info, name } = embedded;
  const detection: Detection = {
    baseUrl: IN_PROCESS,
    reachable: true,
    listed: [name],
    windows: [
      {
        name,
        listed: true,
        window: info.trainContextSize,
        source: `the GGUF file (${info.architecture}.context_length)`,
      },
    ],
    notes: [],
    ms: Date.now() - started,
  };
  const contextWindow = effectiveWindow(info.trainContextSize, config.values.context_window?.value);
  const checked: Checked = {
    ok: true,
    model: name,
    modelStrong: name,
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    notes: [`no model server: ${info.name} (${info.quantisation}) runs in process from ${found.file}`],
  };
  return { config, detection, checked, embedded };
}

/**
 * The runtime options of an embedded run: the embedded client serves every provider SmallCode's
 * declared models use (they say `openai_compat`, with a server in mind), and `embedded` itself. The
 * mapping lives in the CLI's runtime only; nothing in the generated code or a project file changes it.
 */
export async function embeddedRuntimeOptions(embedded: EmbeddedReady): Promise<RuntimeOptions> {
  const { models } = await import("../../../generated/index.ts");
  const providers = new Set<string>(["embedded", ...Object.values(models).map((m) => m.provider)]);
  // the client is inProcess: the declared server endpoint is not where these models run, so
  // messages and traces name none
  const clients = Object.fromEntries([...providers].map((p) => [p, embedded.client]));
  return { clients, model: embedded.name, strongModel: embedded.name };
}

/**
 * Lets the runtime serve every declared model from `embedded`, and loads it now, so its loading
 * progress shows before a run or a session starts (and a model that does not fit is reported first).
 */
export async function activateEmbedded(embedded: EmbeddedReady, signal?: AbortSignal): Promise<void> {
  const runtime = await import("../../../runtime/index.ts");
  runtime.configureRuntime(await embeddedRuntimeOptions(embedded));
  await preload(embedded, signal);
}
