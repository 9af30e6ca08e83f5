import { colorEnabled } from "../../shared/color.ts";
import type { ParsedArgs } from "../args.ts";
import {
  describeOrigin,
  maskSecret,
  type ResolvedConfig,
  SCALAR_KEYS,
  SHELL_KEYS,
  type Sourced,
  userConfigPath,
  userKnowledge,
} from "../config/index.ts";
import { describeRoot } from "../config/project-root.ts";
import { BACKEND_NAMES, effectiveWindow } from "../endpoint/index.ts";
import type { Io } from "../io.ts";
import { formatKnowledge, knowledgeReport } from "../knowledge/report.ts";
import { type EmbeddedReport, embeddedReport, formatEmbedded } from "./doctor-embedded.ts";
import { formatMcpDoctor, type McpDoctorServer, mcpDoctorReport } from "./doctor-mcp.ts";
import { type Prepared, prepare } from "./prepare.ts";

/**
 * `smallcode doctor`: every configuration value with its origin (secrets masked), the files read,
 * what answers at the endpoint, and each model with the window the server reports, the window
 * declared in `marrow/models.marrow` and the window a run uses. Exit 0 when a run could start, 2 when not.
 */

type DoctorArgs = Extract<ParsedArgs, { command: "doctor" }>;

/** One declared model with the windows that apply to it. */
export interface ModelReport {
  readonly name: string;
  /** The server-side model name it resolves to. */
  readonly model?: string;
  readonly declared: number;
  readonly server?: number;
  readonly serverSource?: string;
  readonly effective: number;
}

interface DeclaredModel {
  readonly name: string;
  readonly model: string;
  readonly contextWindow: number;
}

/** The windows of each declared model, given what detection found. Pure. */
export function modelReports(prepared: Prepared, declared: readonly DeclaredModel[]): ModelReport[] {
  const { checked, detection, config } = prepared;
  const override = config.values.context_window?.value;
  const names = {
    strong: checked.ok
      ? checked.modelStrong
      : (config.values.model_strong?.value ?? config.values.model?.value),
    normal: checked.ok ? checked.model : config.values.model?.value,
  };
  return declared.map((spec) => {
    const model = spec.model.includes("SMALLCODE_MODEL_STRONG") ? names.strong : names.normal;
    const found = detection.windows.find((w) => w.name === model);
    const limit = effectiveWindow(found?.window, override);
    return {
      name: spec.name,
      ...(model !== undefined ? { model } : {}),
      declared: spec.contextWindow,
      ...(found?.window !== undefined ? { server: found.window, serverSource: found.source! } : {}),
      effective: limit === undefined ? spec.contextWindow : Math.min(limit, spec.contextWindow),
    };
  });
}

function shown(key: string, sourced: Sourced<unknown>, secret: boolean): string {
  const value = sourced.value;
  if (secret && typeof value === "string") return maskSecret(value);
  if (Array.isArray(value)) return value.join(", ");
  // max_time is held in milliseconds but written in seconds or as a duration
  return key === "max_time" && typeof value === "number" ? `${value / 1000}s` : String(value);
}

/** One configuration entry for display; `value` is null when nothing sets it. */
interface ConfigRow {
  readonly key: string;
  readonly value: string | null;
  readonly origin: string;
}

function row(key: string, sourced: Sourced<unknown> | undefined, secret = false): ConfigRow {
  return sourced
    ? { key, value: shown(key, sourced, secret), origin: describeOrigin(sourced.origin) }
    : { key, value: null, origin: "" };
}

const UNSET: Readonly<Record<string, string>> = {
  model_strong: "(same as model)",
  max_steps: "(agent default)",
  max_time: "(agent default)",
  max_tokens: "(agent default)",
};

function configRows(config: ResolvedConfig, server = true): ConfigRow[] {
  const rows = SCALAR_KEYS.map((def) =>
    row(def.key, config.values[def.key] as Sourced<unknown> | undefined, def.secret === true),
  );
  // the built-in base URL is not used when the embedded model runs
  const base = config.values.base_url;
  if (!server && base?.origin.kind === "default")
    rows[rows.findIndex((r) => r.key === "base_url")] = {
      key: "base_url",
      value: "(none: the embedded model)",
      origin: "",
    };
  const file = config.embedded.modelFile;
  rows.push(
    file
      ? { key: "model_file", value: file.value, origin: file.origin }
      : { key: "model_file", value: null, origin: "" },
  );
  for (const [name, s] of Object.entries(config.guards)) rows.push(row(`guards.${name}`, s));
  for (const def of SHELL_KEYS) {
    const s = config.shell[def.key] as Sourced<unknown> | undefined;
    if (s) rows.push(row(`shell.${def.key}`, s));
  }
  return rows;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    `  ${r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join("  ")}`.trimEnd(),
  );
}

/** The human report. */
export function formatDoctor(
  prepared: Prepared,
  models: readonly ModelReport[],
  io: Io,
  color: boolean,
  embedded?: EmbeddedReport,
  mcp: readonly string[] = [],
): string {
  const { config, detection, checked } = prepared;
  const server = prepared.connection.kind === "server";
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out: string[] = [`Project root ${config.cwd}`, `  ${describeRoot(prepared.root)}`, ""];
  out.push("Configuration");
  out.push(
    ...table(
      configRows(config, server).map((r) => [r.key, r.value ?? UNSET[r.key] ?? "(not set)", r.origin]),
    ),
  );
  out.push("", "Files");
  const files = config.files;
  out.push(
    ...table([
      [".env", files.dotenv ?? "(none)"],
      ["project", files.project ?? "(no smallcode.toml)"],
      ["user", files.user ?? `(no ${userConfigPath(io.env)})`],
    ]),
  );
  // what a run would put in the prompt: notes, skills, memory (cli/smallcode/knowledge)
  out.push("", "Knowledge", ...formatKnowledge(knowledgeReport(config.cwd, userKnowledge(config) ?? {})));
  // the MCP servers, started and stopped again (doctor-mcp.ts); nothing when none is configured
  if (mcp.length > 0) out.push("", ...mcp);
  if (!server) return `${[...out, "", ...embeddedTail(prepared, models, embedded, paint)].join("\n")}\n`;
  out.push("", `Endpoint ${detection.baseUrl}`);
  const kind = detection.kind
    ? `${BACKEND_NAMES[detection.kind]}${detection.version ? ` ${detection.version}` : ""}`
    : detection.reachable
      ? "answers, kind unknown"
      : "nothing answered";
  const listed = detection.listed
    ? `${detection.listed.length}${detection.listed.length > 0 ? `: ${detection.listed.join(", ")}` : ""}`
    : "(unknown)";
  out.push(
    ...table([
      ["server", `${kind} (probed in ${detection.ms} ms)`],
      ["models", listed],
    ]),
  );
  for (const note of detection.notes) out.push(`  · ${note}`);
  out.push("", "Models (context windows in tokens)");
  const rows = [["model", "name on server", "declared", "server", "used"]];
  for (const m of models) {
    rows.push([
      m.name,
      m.model ?? "(none)",
      String(m.declared),
      m.server !== undefined ? String(m.server) : "?",
      String(m.effective),
    ]);
  }
  out.push(...table(rows));
  const sources = [...new Set(models.map((m) => m.serverSource).filter((s) => s !== undefined))];
  if (sources.length > 0) out.push(`  server windows from ${sources.join("; ")}`);
  else out.push("  the server reports no window; the declared ones stand");
  out.push("");
  if (checked.ok) {
    for (const note of checked.notes) out.push(`· ${note}`);
    out.push(paint(32, `✓ ready: ${checked.model} at ${detection.baseUrl}`));
  } else out.push(paint(31, `✗ ${checked.message}`));
  return `${out.join("\n")}\n`;
}

/** The part after the files when the embedded model runs: the model, the windows, the verdict. */
function embeddedTail(
  prepared: Prepared,
  models: readonly ModelReport[],
  report: EmbeddedReport | undefined,
  paint: (code: number, text: string) => string,
): string[] {
  const { checked } = prepared;
  const out = formatEmbedded(report ?? {}, prepared.config.values.context_window?.value);
  if (report?.info) {
    out.push("", "Models (context windows in tokens)");
    const rows = [["model", "declared", "file", "used"]];
    for (const m of models)
      rows.push([
        m.name,
        String(m.declared),
        m.server !== undefined ? String(m.server) : "?",
        String(m.effective),
      ]);
    out.push(...table(rows));
  }
  out.push("");
  if (checked.ok && report?.speed) out.push(paint(32, `✓ ready: ${checked.model}, in process`));
  else if (checked.ok)
    out.push(paint(31, `✗ the model is there but did not answer: ${report?.problem ?? "unknown"}`));
  else out.push(paint(31, `✗ ${checked.message}`));
  return out;
}

/** Whether doctor's verdict is "ready". */
function ready(prepared: Prepared, report: EmbeddedReport | undefined): boolean {
  if (prepared.connection.kind === "server") return prepared.checked.ok;
  return prepared.checked.ok && report?.speed !== undefined;
}

/** Runs `smallcode doctor`. */
export async function doctorCommand(args: DoctorArgs, io: Io): Promise<number> {
  const prepared = await prepare(args.flags, io, args.flags.downloadModel ? "given" : "never");
  const { models } = await import("../../../generated/index.ts");
  const reports = modelReports(prepared, Object.values(models));
  const server = prepared.connection.kind === "server";
  const embedded = server ? undefined : await embeddedReport(prepared, io.signal);
  const mcp: McpDoctorServer[] = await mcpDoctorReport(prepared.config, io.signal);
  if (args.json) {
    const { config, detection, checked } = prepared;
    const values = Object.fromEntries(
      configRows(config, server).map((r) => [r.key, { value: r.value, origin: r.origin }]),
    );
    const report = {
      ok: ready(prepared, embedded),
      root: { ...prepared.root, why: describeRoot(prepared.root) },
      config: values,
      files: config.files,
      endpoint: detection,
      checked,
      models: reports,
      knowledge: knowledgeReport(config.cwd, userKnowledge(config) ?? {}),
      ...(embedded ? { embedded } : {}),
      ...(mcp.length > 0 ? { mcp } : {}),
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const color = args.flags.color !== false && colorEnabled(io.stdout.isTTY, io.env);
    io.stdout.write(formatDoctor(prepared, reports, io, color, embedded, await formatMcpDoctor(mcp)));
  }
  return ready(prepared, embedded) ? 0 : 2;
}
