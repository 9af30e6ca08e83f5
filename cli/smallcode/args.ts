import {
  type OptionDef,
  type OptionValues,
  type ParsedOptions,
  parseOptions as parseShared,
  suggestion,
} from "../shared/options.ts";
import { baseUrlProblem } from "./endpoint/base-url.ts";

export type { OptionDef } from "../shared/options.ts";

/**
 * The `smallcode` command line: a typed option table per command and a pure {@link parseArgs} that
 * turns argv into a value or a usage error. Nothing here touches the process, the network or the file
 * system; help texts live in `help.ts`.
 */

/** The commands `smallcode` knows (`interactive` is `smallcode` without a command). */
export type CommandName =
  | "interactive"
  | "run"
  | "eval"
  | "sessions"
  | "doctor"
  | "bench"
  | "completion"
  | "mcp"
  | "models";

/** The shells `smallcode completion` writes a script for. */
export const SHELLS = ["bash", "zsh", "fish"] as const;
/** A shell with a completion script. */
export type Shell = (typeof SHELLS)[number];

/** Routing modes for tool schemas. */
export const ROUTING_MODES = ["two-stage", "all"] as const;
/** A routing mode. */
export type Routing = (typeof ROUTING_MODES)[number];

/** A command: its synopsis, positional arguments and options. */
export interface CommandDef {
  readonly name: CommandName;
  readonly summary: string;
  readonly positional: string;
  readonly details: string;
  readonly options: readonly OptionDef[];
}

const opt = (
  name: string,
  type: OptionDef["type"],
  description: string,
  extra: Partial<OptionDef> = {},
): OptionDef => ({ name, type, description, ...extra });

const help = opt("help", "boolean", "show this help", { short: "h" });
const json = opt("json", "boolean", "print the result as JSON to stdout");
const noColor = opt("no-color", "boolean", "no colours in the output (also NO_COLOR=1)");
const cwd = opt(
  "cwd",
  "string",
  "project root (default: found upwards: smallcode.toml, else .git, else here)",
  {
    value: "DIR",
  },
);
/** Options that pick the endpoint and models; shared by every command that talks to a model. */
const endpoint: readonly OptionDef[] = [
  cwd,
  opt("base-url", "string", "OpenAI-compatible endpoint (default: none, the embedded model)", {
    value: "URL",
  }),
  opt(
    "model-file",
    "string",
    "run this local GGUF model in process instead of a server (SMALLCODE_MODEL_FILE)",
    {
      value: "PATH",
    },
  ),
  opt("download-model", "boolean", "download the default model if it is not cached yet, without asking"),
  opt("model", "string", "model name on the server (SMALLCODE_MODEL)", { value: "NAME", short: "m" }),
  opt("model-strong", "string", "model for the strong tier (SMALLCODE_MODEL_STRONG)", { value: "NAME" }),
  opt("api-key-env", "string", "name of the environment variable that holds the API key", {
    value: "VAR",
  }),
  opt("context-window", "int", "context window to assume, in tokens (the server's is used when smaller)", {
    value: "N",
  }),
];
/** Options of an agent run (one-shot and interactive). */
const agent: readonly OptionDef[] = [
  ...endpoint,
  opt(
    "yes",
    "boolean",
    "never ask: destructive commands are refused unless [shell] allow_destructive allows them",
    { short: "y" },
  ),
  opt("max-steps", "int", "stop after N model turns", { value: "N" }),
  opt("max-time", "duration", "stop a task after this long: 90s, 10m, or seconds (default 30m)", {
    value: "DURATION",
  }),
  opt("max-tokens", "int", "token budget of a run over all its model calls (default 500000)", {
    value: "N",
  }),
  opt("routing", "choice", "tool schemas per turn: two-stage (picked by category) or all", {
    value: "MODE",
    choices: ROUTING_MODES,
  }),
  opt("repo-map", "boolean", "show the model a map of the project's most relevant files and signatures"),
  opt("escalate", "boolean", "allow escalating a stuck step to the [escalation] model without asking"),
  opt("resume", "string", "continue a saved session (see `smallcode sessions`)", { value: "ID" }),
  noColor,
];

/** The option table. */
export const commands: readonly CommandDef[] = [
  {
    name: "interactive",
    summary: "start an interactive session (the default)",
    positional: "",
    details:
      "On a terminal, a fullscreen view: the model's answers as they stream (reasoning dimmed, Ctrl-T\n" +
      "shows it), a row per tool call (Ctrl-O shows the output of the row marked ▸, the newest unless\n" +
      "Alt-Up/Alt-Down or Ctrl-P/Ctrl-N moved the mark; Alt-O: every row), a diff after each edit, and a\n" +
      "status line with the model, the endpoint, the context used, the step and the time. --classic (or\n" +
      "stdout not a terminal, TERM=dumb, or CI set) prints line by line instead.\n" +
      "/help lists the session commands.\n" +
      'A line `"""` starts a multi-line task, as does `\\` at the end of a line; pasted text stays one task.\n' +
      "Ctrl-C cancels the running task, a second Ctrl-C (or Ctrl-D) exits; Ctrl-Z suspends.\n" +
      "NO_COLOR=1 or --no-color turns colours off in both views.",
    options: [
      opt("classic", "boolean", "line-by-line output instead of the fullscreen view"),
      opt("print", "string", "run one task and exit (same as `smallcode run`)", {
        dashValue: true,
        short: "p",
        value: "TASK",
      }),
      json,
      ...agent,
      help,
    ],
  },
  {
    name: "run",
    summary: "run one task without a terminal UI",
    positional: '"<task>"',
    details:
      "Runs one task to the end and prints the answer; with --json prints the RunResult instead.\n" +
      'The task may come on stdin: `smallcode run -`, or `echo "<task>" | smallcode run`.\n' +
      "Exit codes: 0 the run succeeded, 1 it did not, 2 bad usage or configuration.",
    options: [json, ...agent, help],
  },
  {
    name: "eval",
    summary: "run SmallCode's own evaluations against the configured model",
    positional: "[NAME…]",
    details:
      "Runs the evaluations declared in SmallCode's .marrow files (all, or those named) and prints a score\n" +
      "per evaluation; exits 1 when one scores below its baseline. --record stores the model's replies in\n" +
      ".smallcode/evals/<name>.json; --replay answers from them, offline.",
    options: [
      opt("record", "boolean", "store the model replies for --replay"),
      opt("replay", "boolean", "answer from recorded replies instead of the endpoint"),
      json,
      ...endpoint,
      help,
    ],
  },
  {
    name: "sessions",
    summary: "list saved sessions",
    positional: "",
    details: "Lists the sessions saved in .smallcode/sessions/ of the project, newest first.",
    options: [json, cwd, help],
  },
  {
    name: "doctor",
    summary: "show the configuration, the endpoint and the models",
    positional: "",
    details:
      "Prints every configuration value with where it came from (secrets masked), what answers at the\n" +
      "endpoint, and the models with their context windows. Exits 2 when the configuration cannot work.",
    options: [json, ...endpoint, noColor, help],
  },
  {
    name: "bench",
    summary: "run the benchmark (see `smallcode bench --help`)",
    positional: "[args…]",
    details: "Arguments are passed on to the benchmark command.",
    options: [],
  },
  {
    name: "completion",
    summary: "print a shell completion script (bash, zsh or fish)",
    positional: "bash|zsh|fish",
    details:
      "Prints a script that completes smallcode's commands and options. To install it:\n" +
      "  bash  smallcode completion bash > ~/.local/share/bash-completion/completions/smallcode\n" +
      "  zsh   smallcode completion zsh > ~/.zfunc/_smallcode   (with ~/.zfunc in fpath; or: source <(smallcode completion zsh))\n" +
      "  fish  smallcode completion fish > ~/.config/fish/completions/smallcode.fish",
    options: [help],
  },
  {
    name: "models",
    summary: "show the default embedded model, or download it (`smallcode models pull`)",
    positional: "[pull]",
    details:
      "Without a server configured, SmallCode runs a model in process: --model-file PATH, or its default\n" +
      "model, which is downloaded once into $XDG_CACHE_HOME/smallcode/models (default ~/.cache) with your\n" +
      "consent. `smallcode models` says whether it is there; `smallcode models pull` downloads it (resumable,\n" +
      "checksum-verified; SMALLCODE_MODEL_MIRROR or [embedded] mirror replaces https://huggingface.co).",
    options: [json, help],
  },
  {
    name: "mcp",
    summary: "serve SmallCode's tools to other agents over MCP (stdio)",
    positional: "",
    details:
      "Serves read_file, search, patch and run_tests for the project over the Model Context Protocol on\n" +
      "stdin/stdout, through the safety and snapshot guards and the shell sandbox. Register it in another\n" +
      'agent as a stdio server: command "smallcode", args ["mcp", "--cwd", "/path/to/project"].',
    options: [cwd, help],
  },
];

/** Values of the options that configure a run; each one, when given, wins over every other source. */
export interface Flags {
  readonly cwd?: string;
  readonly baseUrl?: string;
  /** `--model-file`: a GGUF run in process (as typed; relative to the process directory). */
  readonly modelFile?: string;
  /** `--download-model`: consent to download the default model. */
  readonly downloadModel?: boolean;
  readonly model?: string;
  readonly modelStrong?: string;
  readonly apiKeyEnv?: string;
  readonly contextWindow?: number;
  readonly yes?: boolean;
  readonly maxSteps?: number;
  /** `--max-time`: the wall-clock limit of a run (of each task, interactively), in milliseconds. */
  readonly maxTimeMs?: number;
  readonly maxTokens?: number;
  readonly routing?: Routing;
  readonly repoMap?: boolean;
  readonly escalate?: boolean;
  readonly resume?: string;
  /** `false` when `--no-color` was given. */
  readonly color?: boolean;
}

/** The parsed command line. */
export type ParsedArgs =
  | { readonly command: "help"; readonly topic?: CommandName }
  | { readonly command: "version" }
  | {
      readonly command: "interactive";
      readonly flags: Flags;
      /** `--classic`: the line-by-line face even on a terminal. */
      readonly classic?: boolean;
    }
  | {
      readonly command: "run";
      /** The task; empty when it is to be read from stdin (`stdin` says when). */
      readonly task: string;
      readonly json: boolean;
      readonly flags: Flags;
      /**
       * Where to read the task instead: `always` for `-` (`smallcode run -`), `piped` when no task was
       * given (stdin, unless it is a terminal). Absent when the task is in the arguments.
       */
      readonly stdin?: "always" | "piped";
    }
  | {
      readonly command: "eval";
      readonly names: readonly string[];
      readonly mode: "live" | "record" | "replay";
      readonly json: boolean;
      readonly flags: Flags;
    }
  | { readonly command: "sessions"; readonly json: boolean; readonly flags: Flags }
  | { readonly command: "doctor"; readonly json: boolean; readonly flags: Flags }
  | { readonly command: "bench"; readonly argv: readonly string[] }
  | { readonly command: "completion"; readonly shell: Shell }
  | { readonly command: "mcp"; readonly flags: Flags }
  | { readonly command: "models"; readonly action: "show" | "pull"; readonly json: boolean };

/** Either a parsed command line or a usage error (exit code 2). */
export type ParseResult =
  | { readonly ok: true; readonly value: ParsedArgs }
  | { readonly ok: false; readonly error: string; readonly command?: CommandName };

/** Finds a command definition by name. */
export function commandDef(name: CommandName): CommandDef {
  return commands.find((c) => c.name === name)!;
}

/** The names a user may type as a command. */
export function commandNames(): string[] {
  return commands.filter((c) => c.name !== "interactive").map((c) => c.name);
}

type Values = OptionValues;

function invocation(def: CommandDef): string {
  return def.name === "interactive" ? "smallcode" : `smallcode ${def.name}`;
}

function parseOptions(def: CommandDef, argv: readonly string[]): ParsedOptions {
  return parseShared(def.options, argv, invocation(def));
}

const str = (v: Values, k: string): string | undefined => v.get(k) as string | undefined;
const int = (v: Values, k: string): number | undefined => v.get(k) as number | undefined;
const bool = (v: Values, k: string): boolean => v.get(k) === true;

/** The flags of a parsed option set, leaving out the ones not given. */
function flagsOf(v: Values): Flags {
  const flags: Record<string, unknown> = {
    cwd: str(v, "cwd"),
    baseUrl: str(v, "base-url"),
    modelFile: str(v, "model-file"),
    downloadModel: v.has("download-model") ? true : undefined,
    model: str(v, "model"),
    modelStrong: str(v, "model-strong"),
    apiKeyEnv: str(v, "api-key-env"),
    contextWindow: int(v, "context-window"),
    yes: v.has("yes") ? true : undefined,
    maxSteps: int(v, "max-steps"),
    maxTimeMs: int(v, "max-time"),
    maxTokens: int(v, "max-tokens"),
    routing: str(v, "routing"),
    repoMap: v.has("repo-map") ? true : undefined,
    escalate: v.has("escalate") ? true : undefined,
    resume: str(v, "resume"),
    color: v.has("no-color") ? false : undefined,
  };
  for (const key of Object.keys(flags)) if (flags[key] === undefined) delete flags[key];
  return flags as Flags;
}

/** Parses `smallcode` arguments (without the node and script paths). Pure. */
export function parseArgs(argv: readonly string[]): ParseResult {
  const [first, ...rest] = argv;
  if (first === "--help" || first === "-h" || first === "help") {
    const topic = first === "help" ? rest[0] : undefined;
    if (topic === undefined) return { ok: true, value: { command: "help" } };
    const known = commands.find((c) => c.name === topic && c.name !== "interactive");
    if (!known)
      return { ok: false, error: `unknown command \`${topic}\`${suggestion(topic, commandNames())}` };
    return { ok: true, value: { command: "help", topic: known.name } };
  }
  if (first === "--version" || first === "-V" || first === "version") {
    return { ok: true, value: { command: "version" } };
  }
  if (first === "bench") return { ok: true, value: { command: "bench", argv: rest } };
  const named = commands.find((c) => c.name === first && c.name !== "interactive");
  const def = named ?? commandDef("interactive");
  const parsed = parseOptions(def, named ? rest : argv);
  if (!parsed.ok) return { ok: false, error: parsed.error, command: def.name };
  const { values: v, positionals } = parsed;
  if (bool(v, "help")) return { ok: true, value: { command: "help", topic: def.name } };
  const fail = (error: string): ParseResult => ({ ok: false, error, command: def.name });
  const flags = flagsOf(v);
  const badUrl = flags.baseUrl === undefined ? undefined : baseUrlProblem(flags.baseUrl);
  if (badUrl !== undefined) return fail(badUrl);
  if (flags.baseUrl !== undefined && flags.modelFile !== undefined)
    return fail(
      "`--base-url` and `--model-file` exclude each other: a server, or a model file run in process",
    );
  if (flags.modelFile !== undefined && flags.modelFile.trim() === "")
    return fail("`--model-file` needs the path of a .gguf file");
  switch (def.name) {
    case "interactive": {
      const task = str(v, "print");
      if (task !== undefined) {
        if (positionals.length > 0)
          return fail(`unexpected argument \`${positionals[0]}\` after \`-p TASK\``);
        const from = task === "-" ? { task: "", stdin: "always" as const } : { task };
        return { ok: true, value: { command: "run", ...from, json: bool(v, "json"), flags } };
      }
      if (positionals.length > 0) {
        const word = positionals[0]!;
        const hint = suggestion(word, commandNames());
        const advice = hint || ` (to run a task: \`smallcode run ${JSON.stringify(positionals.join(" "))}\`)`;
        return { ok: false, error: `unknown command \`${word}\`${advice}` };
      }
      if (bool(v, "json"))
        return fail("`--json` needs a task: `smallcode run TASK --json` or `smallcode -p TASK --json`");
      return {
        ok: true,
        value: { command: "interactive", flags, ...(bool(v, "classic") ? { classic: true } : {}) },
      };
    }
    case "run": {
      const task = positionals.join(" ").trim();
      // `-` or no task at all: the task comes from stdin (`echo "fix it" | smallcode run`).
      const stdin = task === "-" ? ("always" as const) : task === "" ? ("piped" as const) : undefined;
      const from = stdin ? { task: "", stdin } : { task };
      return { ok: true, value: { command: "run", ...from, json: bool(v, "json"), flags } };
    }
    case "eval": {
      if (bool(v, "record") && bool(v, "replay")) return fail("`--record` and `--replay` cannot be combined");
      const mode = bool(v, "record") ? "record" : bool(v, "replay") ? "replay" : "live";
      return { ok: true, value: { command: "eval", names: positionals, mode, json: bool(v, "json"), flags } };
    }
    case "sessions":
    case "doctor": {
      if (positionals.length > 0)
        return fail(`\`smallcode ${def.name}\` takes no arguments, got \`${positionals[0]}\``);
      return { ok: true, value: { command: def.name, json: bool(v, "json"), flags } };
    }
    case "bench":
      return { ok: true, value: { command: "bench", argv: rest } };
    case "mcp":
      if (positionals.length > 0)
        return fail(`\`smallcode mcp\` takes no arguments, got \`${positionals[0]}\``);
      return { ok: true, value: { command: "mcp", flags } };
    case "models": {
      const [action, extra] = positionals;
      if (extra !== undefined || (action !== undefined && action !== "pull"))
        return fail(`\`smallcode models\` takes nothing or \`pull\`, not \`${extra ?? action}\``);
      return { ok: true, value: { command: "models", action: action ?? "show", json: bool(v, "json") } };
    }
    case "completion": {
      const [shell, extra] = positionals;
      const known = SHELLS.find((s) => s === shell);
      if (!known || extra !== undefined) {
        const hint = shell === undefined ? "" : `, not \`${shell}\`${suggestion(shell, SHELLS)}`;
        return fail(`\`smallcode completion\` takes one shell: ${SHELLS.join(", ")}${extra ? "" : hint}`);
      }
      return { ok: true, value: { command: "completion", shell: known } };
    }
  }
}
