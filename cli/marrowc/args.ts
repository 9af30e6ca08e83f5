import {
  type OptionDef,
  type OptionValues,
  type ParsedOptions,
  parseOptions as parseShared,
  suggestion,
} from "../shared/options.ts";

export type { OptionDef } from "../shared/options.ts";

/**
 * The `marrowc` command line: a typed option table per command and a pure {@link parseArgs} that
 * turns argv into a value or a usage error. Nothing here touches the process or the file system.
 */

/** The commands `marrowc` knows. */
export type CommandName = "build" | "check" | "fmt" | "explain" | "test";

/** A command: its synopsis, positional arguments and options. */
export interface CommandDef {
  readonly name: CommandName;
  readonly summary: string;
  readonly positional: string;
  readonly details: string;
  readonly options: readonly OptionDef[];
}

const help: OptionDef = { name: "help", short: "h", type: "boolean", description: "show this help" };
const json: OptionDef = {
  name: "json",
  type: "boolean",
  description: "print diagnostics as JSON to stdout (1-based lines and columns)",
};

/** The option table. */
export const commands: readonly CommandDef[] = [
  {
    name: "build",
    summary: "compile .marrow files to TypeScript",
    positional: "[dir|files…]",
    details:
      "Compiles every .marrow file under the given directories (default marrow/) with the files they import, and\n" +
      "writes one module per file plus index.ts to the output directory. Only changed files are written; stale\n" +
      "files that marrowc generated are removed. Any error leaves the output directory untouched.",
    options: [
      {
        name: "out",
        short: "o",
        type: "string",
        value: "DIR",
        description: "output directory (default generated/)",
      },
      {
        name: "check",
        type: "boolean",
        description: "write nothing; exit 1 when the output directory differs from what a build would write",
      },
      { name: "watch", short: "w", type: "boolean", description: "rebuild when a .marrow file changes" },
      {
        name: "no-cache",
        type: "boolean",
        description:
          "compile everything afresh, without reading or writing the build cache (node_modules/.cache/marrowc/ or .marrow-cache/)",
      },
      json,
      {
        name: "runtime-import",
        type: "string",
        value: "SPEC",
        description: 'module specifier generated code imports the runtime from (default "smallcode/runtime")',
      },
      help,
    ],
  },
  {
    name: "check",
    summary: "report diagnostics without generating code",
    positional: "[dir|files…]",
    details: "Parses and checks the given files (default marrow/) and their imports. Nothing is written.",
    options: [json, help],
  },
  {
    name: "fmt",
    summary: "format .marrow files in place",
    positional: "[dir|files…]",
    details:
      "Rewrites the given files (default marrow/) in canonical form. A file with syntax errors is never written.",
    options: [
      {
        name: "check",
        type: "boolean",
        description: "write nothing; exit 1 listing the files that are not formatted",
      },
      help,
    ],
  },
  {
    name: "explain",
    summary: "print the long explanation of a diagnostic code",
    positional: "CODE",
    details:
      "Prints why the diagnostic exists, an example, and how to fix it. Example: marrowc explain MRW2003",
    options: [help],
  },
  {
    name: "test",
    summary: "run the evaluations against the configured endpoint",
    positional: "[NAME…]",
    details:
      "Runs the evaluations (all, or those named) from the built generated/index.ts and prints a score per\n" +
      "evaluation; exits 1 when one scores below its baseline. The endpoint comes from SMALLCODE_BASE_URL and\n" +
      "SMALLCODE_MODEL. --record stores the model's replies in .smallcode/evals/<name>.json; --replay answers\n" +
      "from them, offline.",
    options: [
      { name: "record", type: "boolean", description: "store the model replies for --replay" },
      {
        name: "replay",
        type: "boolean",
        description: "answer from recorded replies instead of the endpoint",
      },
      {
        name: "generated",
        type: "string",
        value: "DIR",
        description: "directory holding the built index.ts (default generated/)",
      },
      json,
      help,
    ],
  },
];

/** The parsed command line. */
export type ParsedArgs =
  | { readonly command: "help"; readonly topic?: CommandName }
  | { readonly command: "version" }
  | {
      readonly command: "build";
      readonly inputs: readonly string[];
      readonly out: string;
      readonly check: boolean;
      readonly watch: boolean;
      readonly json: boolean;
      /** False with `--no-cache`. */
      readonly cache: boolean;
      readonly runtimeImport?: string;
    }
  | { readonly command: "check"; readonly inputs: readonly string[]; readonly json: boolean }
  | { readonly command: "fmt"; readonly inputs: readonly string[]; readonly check: boolean }
  | { readonly command: "explain"; readonly code: string }
  | {
      readonly command: "test";
      readonly names: readonly string[];
      readonly mode: "live" | "record" | "replay";
      readonly generated: string;
      readonly json: boolean;
    };

/** Either a parsed command line or a usage error (exit code 2). */
export type ParseResult =
  | { readonly ok: true; readonly value: ParsedArgs }
  | { readonly ok: false; readonly error: string; readonly command?: CommandName };

/** Default input directory. */
export const DEFAULT_INPUT = "marrow";
/** Default output directory. */
export const DEFAULT_OUT = "generated";

/** Finds a command definition by name. */
export function commandDef(name: CommandName): CommandDef {
  return commands.find((c) => c.name === name)!;
}

type Values = OptionValues;

function parseOptions(def: CommandDef, argv: readonly string[]): ParsedOptions {
  return parseShared(def.options, argv, `marrowc ${def.name}`);
}

const str = (v: Values, k: string): string | undefined => v.get(k) as string | undefined;
const bool = (v: Values, k: string): boolean => v.get(k) === true;

/** Parses `marrowc` arguments (without the node and script paths). Pure. */
export function parseArgs(argv: readonly string[]): ParseResult {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    const topic = first === "help" ? rest[0] : undefined;
    if (topic === undefined) return { ok: true, value: { command: "help" } };
    const known = commands.find((c) => c.name === topic);
    if (!known) return { ok: false, error: `unknown command \`${topic}\`${suggestion(topic, names())}` };
    return { ok: true, value: { command: "help", topic: known.name } };
  }
  if (first === "--version" || first === "-V" || first === "version")
    return { ok: true, value: { command: "version" } };
  const def = commands.find((c) => c.name === first);
  if (!def) {
    const what = first.startsWith("-") ? "option" : "command";
    return { ok: false, error: `unknown ${what} \`${first}\`${suggestion(first, names())}` };
  }
  const parsed = parseOptions(def, rest);
  if (!parsed.ok) return { ok: false, error: parsed.error, command: def.name };
  const { values: v, positionals } = parsed;
  if (bool(v, "help")) return { ok: true, value: { command: "help", topic: def.name } };
  const fail = (error: string): ParseResult => ({ ok: false, error, command: def.name });
  switch (def.name) {
    case "build": {
      if (bool(v, "check") && bool(v, "watch")) return fail("`--check` and `--watch` cannot be combined");
      const runtimeImport = str(v, "runtime-import");
      return {
        ok: true,
        value: {
          command: "build",
          inputs: positionals,
          out: str(v, "out") ?? DEFAULT_OUT,
          check: bool(v, "check"),
          watch: bool(v, "watch"),
          json: bool(v, "json"),
          cache: !bool(v, "no-cache"),
          ...(runtimeImport !== undefined ? { runtimeImport } : {}),
        },
      };
    }
    case "check":
      return { ok: true, value: { command: "check", inputs: positionals, json: bool(v, "json") } };
    case "fmt":
      return { ok: true, value: { command: "fmt", inputs: positionals, check: bool(v, "check") } };
    case "explain": {
      if (positionals.length !== 1) return fail("`marrowc explain` takes exactly one code, e.g. `MRW2003`");
      return { ok: true, value: { command: "explain", code: positionals[0]! } };
    }
    case "test": {
      if (bool(v, "record") && bool(v, "replay")) return fail("`--record` and `--replay` cannot be combined");
      const mode = bool(v, "record") ? "record" : bool(v, "replay") ? "replay" : "live";
      return {
        ok: true,
        value: {
          command: "test",
          names: positionals,
          mode,
          generated: str(v, "generated") ?? DEFAULT_OUT,
          json: bool(v, "json"),
        },
      };
    }
  }
}

function names(): string[] {
  return commands.map((c) => c.name);
}

/** Help text: the overview without a topic, or one command's usage and options. */
export function helpText(topic?: CommandName): string {
  if (topic === undefined) {
    const width = Math.max(...commands.map((c) => c.name.length));
    return [
      "marrowc — the MarrowScript compiler",
      "",
      "Usage: marrowc <command> [options]",
      "",
      "Commands:",
      ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      "",
      "Run `marrowc <command> --help` for a command's options.",
      "Exit codes: 0 success (warnings allowed), 1 errors in the input, 2 bad usage or internal failure.",
      "",
    ].join("\n");
  }
  const def = commandDef(topic);
  const flags = def.options.map((o) => {
    const short = o.short ? `-${o.short}, ` : "    ";
    return { flag: `${short}--${o.name}${o.value ? ` ${o.value}` : ""}`, description: o.description };
  });
  const width = Math.max(...flags.map((f) => f.flag.length));
  return [
    `marrowc ${def.name} — ${def.summary}`,
    "",
    `Usage: marrowc ${def.name} ${def.positional} [options]`,
    "",
    def.details,
    "",
    "Options:",
    ...flags.map((f) => `  ${f.flag.padEnd(width)}  ${f.description}`),
    "",
  ].join("\n");
}
