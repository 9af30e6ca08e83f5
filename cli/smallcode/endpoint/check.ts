import { didYouMean } from "../../shared/suggest.ts";
import { BACKEND_NAMES, listedName } from "./backends.ts";
import { type Detection, effectiveWindow } from "./detect.ts";

/**
 * Turns a {@link Detection} and the configured model names into what a run uses (model names and the
 * context window), or into a message that says what is wrong and how to fix it (exit code 2). Pure.
 */

/** What the configuration asks for. */
export interface Wanted {
  readonly baseUrl: string;
  /** Where base_url came from, for the message when nothing answers (`smallcode.toml:3`). */
  readonly baseUrlOrigin?: string;
  readonly model?: string;
  readonly modelStrong?: string;
  /** The configured `context_window` override. */
  readonly contextWindow?: number;
  /** Whether `smallcode bench --sim` exists in this build (it comes with the benchmark). */
  readonly sim?: boolean;
}

/** What a run uses. */
export interface Usable {
  readonly ok: true;
  readonly model: string;
  readonly modelStrong: string;
  /** The window to pass to the agent; undefined when nothing is known (the declared one stands). */
  readonly contextWindow?: number;
  readonly notes: readonly string[];
}

/** The outcome of {@link checkEndpoint}. */
export type Checked = Usable | { readonly ok: false; readonly message: string };

/** The message for a server that does not answer. */
export function unreachableMessage(baseUrl: string, origin?: string, sim = false): string {
  const from = origin && origin !== "default" ? ` (base_url from ${origin})` : "";
  const lines = [
    `no model server answered at ${baseUrl}${from} — start Ollama (\`ollama serve\`) or LM Studio, ` +
      "or pass --base-url / set SMALLCODE_BASE_URL",
  ];
  if (sim)
    lines.push("to try SmallCode without a model, run `smallcode bench --sim clean` (a simulated model)");
  return lines.join("\n");
}

function listing(names: readonly string[]): string {
  const shown = names.slice(0, 20).join(", ");
  return names.length > 20 ? `${shown}, … (${names.length} in all)` : shown;
}

/** The message for a model name the server does not list. */
export function missingModelMessage(
  role: "model" | "model_strong",
  name: string,
  detection: Detection,
): string {
  const listed = detection.listed ?? [];
  const [best] = didYouMean(name, listed, 1);
  const server = detection.kind ? BACKEND_NAMES[detection.kind] : "the server";
  const flag = role === "model" ? "--model" : "--model-strong";
  const env = role === "model" ? "SMALLCODE_MODEL" : "SMALLCODE_MODEL_STRONG";
  const pull = detection.kind === "ollama" ? `, or fetch it with \`ollama pull ${name}\`` : "";
  return [
    `model \`${name}\` is not available at ${detection.baseUrl}${best ? ` (did you mean \`${best}\`?)` : ""}`,
    listed.length > 0 ? `  ${server} has: ${listing(listed)}` : `  ${server} lists no models`,
    `  fix: pass ${flag} ${best ?? "NAME"} or set ${env}${pull}`,
  ].join("\n");
}

/** Checks the endpoint and the model names. */
export function checkEndpoint(detection: Detection, wanted: Wanted): Checked {
  if (!detection.reachable) {
    return { ok: false, message: unreachableMessage(detection.baseUrl, wanted.baseUrlOrigin, wanted.sim) };
  }
  if (detection.problem) return { ok: false, message: detection.problem.message };
  const notes = [...detection.notes];
  const listed = detection.listed;
  let model = wanted.model;
  if (model === undefined) {
    if (listed?.length === 1) {
      model = listed[0]!;
      notes.push(`no model configured; using \`${model}\`, the only one the server has`);
    } else {
      const has =
        listed && listed.length > 0 ? `; the server at ${detection.baseUrl} has: ${listing(listed)}` : "";
      const example = listed?.[0] ?? "qwen2.5-coder:7b";
      return {
        ok: false,
        message: `no model is configured${has}\n  fix: pass --model ${example} or set SMALLCODE_MODEL=${example}`,
      };
    }
  }
  // llama.cpp serves the model it was started with whatever name a request gives.
  const checkNames = listed !== undefined && detection.kind !== "llamacpp";
  if (checkNames && listedName(model, listed) === undefined) {
    return { ok: false, message: missingModelMessage("model", model, detection) };
  }
  const modelStrong = wanted.modelStrong ?? model;
  if (checkNames && wanted.modelStrong !== undefined && listedName(modelStrong, listed) === undefined) {
    return { ok: false, message: missingModelMessage("model_strong", modelStrong, detection) };
  }
  const detected = detection.windows.find((w) => w.name === model)?.window;
  const contextWindow = effectiveWindow(detected, wanted.contextWindow);
  return { ok: true, model, modelStrong, ...(contextWindow !== undefined ? { contextWindow } : {}), notes };
}
