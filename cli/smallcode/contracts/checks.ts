import { existsSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { redact } from "../../../runtime/index.ts";
import type { CheckEvidence } from "../contract/index.ts";
import { excerpt } from "../planning/validate.ts";
import { runTestsTool } from "../tools/run-tests.ts";
import { detectTestCommand, shellQuote } from "../tools/tests-detect.ts";
import { DEFAULT_LIMITS, type ShellSession } from "../tools/tool.ts";

/**
 * The project's own checks of a change, when the model declared none: its tests when they are
 * detected, else syntax checks of the changed files (`python3 -m py_compile`, `node --check`, Node's
 * TypeScript parser, `JSON.parse`, `bash -n`, Python's TOML and INI parsers, make's Makefile parser). A check whose program is missing counts as not run.
 * The definition-of-done fallback guard and the run's final verdict both use them.
 */

/** The outcome of a project check. */
export interface FallbackResult {
  /** What ran, for the model: a command, or `JSON.parse(<file>)`. */
  readonly command: string;
  readonly passed: boolean;
  readonly output: string;
  /** Equal for the same failure seen twice (timings and addresses left out). */
  readonly key: string;
  readonly kind: "tests" | "syntax";
}

/** How long a check may run and how many changed files are syntax-checked. */
export interface CheckLimits {
  readonly contractTimeoutS: number;
  readonly contractFallbackMaxFiles: number;
}

/** Defaults of {@link CheckLimits} (the guards' thresholds have the same). */
export const CHECK_LIMITS: CheckLimits = Object.freeze({
  contractTimeoutS: 120,
  contractFallbackMaxFiles: 20,
});

/** Characters of a check's output kept as evidence. */
export const EVIDENCE_CHARS = 2000;

/** Parses a TypeScript file with Node's own TypeScript parser (Node 22.13 and newer). */
const TS_PARSE =
  'node --no-warnings -e \'require("node:module").stripTypeScriptTypes(require("node:fs").readFileSync(process.argv[1], "utf8"), { mode: "transform" })\' {}';

/**
 * Reads a Makefile without running a recipe: asks for a target no Makefile has, so make parses every
 * line, and fails only on an error with a file and line (`Makefile:3: *** missing separator.`).
 */
const MAKE_PARSE =
  "command -v make >/dev/null || exit 127; ! make -n -f {} __smallcode_parse_check__ 2>&1 | grep -E '^[^:]+:[0-9]+: [*]{3}'";

/** Syntax checks by file name, for files without an extension. */
const SYNTAX_BY_NAME: Readonly<Record<string, string>> = {
  Makefile: MAKE_PARSE,
  makefile: MAKE_PARSE,
  GNUmakefile: MAKE_PARSE,
};

/** Syntax checks by file extension (`{}` stands for the quoted path). */
const SYNTAX: Readonly<Record<string, string>> = {
  ".py": "python3 -m py_compile {}",
  ".js": "node --check {}",
  ".mjs": "node --check {}",
  ".cjs": "node --check {}",
  ".ts": TS_PARSE,
  ".mts": TS_PARSE,
  ".cts": TS_PARSE,
  ".sh": "bash -n {}",
  ".bash": "bash -n {}",
  ".toml": "python3 -c 'import sys, tomllib; tomllib.load(open(sys.argv[1], \"rb\"))' {}",
  ".mk": MAKE_PARSE,
  ".ini": "python3 -c 'import sys, configparser; configparser.ConfigParser().read(sys.argv[1])' {}",
};

/** Keeps py_compile's bytecode out of the project (not shown to the model). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter expansion, not a template
const PYCACHE = 'PYTHONPYCACHEPREFIX="${TMPDIR:-/tmp}/smallcode-pycache"';

/** Output that says the checker itself is missing, not that the check failed. */
const MISSING =
  /command not found|No module named|not installed|ENOENT|cannot find module '?(vitest|jest|mocha)|stripTypeScriptTypes is not a function/i;

function normalise(text: string): string {
  return text
    .replace(/\d+(?:\.\d+)?\s*(?:ms|s|sec|seconds)\b/g, "")
    .replace(/0x[\da-f]+/gi, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Runs the project's tests when they are detected; undefined when there are none or the runner is missing. */
async function runTests(
  cwd: string,
  shell: ShellSession,
  t: CheckLimits,
): Promise<FallbackResult | undefined> {
  if (!detectTestCommand(cwd)) return undefined;
  const limits = { ...DEFAULT_LIMITS, testTimeoutS: t.contractTimeoutS };
  const r = await runTestsTool.run({}, { cwd, shell, limits });
  if (!r.ok && !r.timedOut && (r.exitCode === 127 || (r.failed === 0 && MISSING.test(r.output))))
    return undefined;
  const what = r.failures.length > 0 ? r.failures.map((f) => f.name).sort() : [normalise(r.output)];
  return {
    command: r.command ?? "run_tests",
    passed: r.ok,
    output: r.output,
    key: `tests\u0000${what.join("\u0000")}`,
    kind: "tests",
  };
}

/** Syntax-checks the changed files that still exist; the first failure, or a pass, or undefined when none could be checked. */
async function checkSyntax(
  cwd: string,
  files: readonly string[],
  shell: ShellSession | undefined,
  t: CheckLimits,
): Promise<FallbackResult | undefined> {
  const checked: string[] = [];
  for (const file of [...files].sort().slice(0, t.contractFallbackMaxFiles)) {
    const abs = join(cwd, file);
    if (!existsSync(abs)) continue;
    const ext = extname(file).toLowerCase();
    if (ext === ".json") {
      const command = `JSON.parse(${file})`;
      try {
        JSON.parse(readFileSync(abs, "utf8"));
        checked.push(command);
      } catch (error) {
        const output = `${file}: ${(error as Error).message}`;
        const key = `syntax\u0000${file}\u0000${normalise(output)}`;
        return { command, passed: false, output, key, kind: "syntax" };
      }
      continue;
    }
    const template = SYNTAX[ext] ?? SYNTAX_BY_NAME[basename(file)];
    if (!template || !shell) continue;
    const command = template.replace("{}", shellQuote(file));
    const run = await shell.run(`( cd -- ${shellQuote(cwd)} && ${PYCACHE} ${command} )`, {
      timeoutMs: t.contractTimeoutS * 1000,
    });
    if (run.exitCode === 127 || (run.exitCode !== 0 && MISSING.test(run.output))) continue;
    const shown = template === MAKE_PARSE ? `make -n -f ${shellQuote(file)}` : command;
    if (run.exitCode !== 0) {
      const output = run.timedOut ? `${run.output}\n[timed out]` : run.output;
      const key = `syntax\u0000${file}\u0000${normalise(output)}`;
      return { command: shown, passed: false, output, key, kind: "syntax" };
    }
    checked.push(shown);
  }
  if (checked.length === 0) return undefined;
  const command = checked.length === 1 ? checked[0]! : `${checked.length} syntax checks`;
  return { command, passed: true, output: "", key: "syntax", kind: "syntax" };
}

/**
 * The fallback check of the project at `ctx.cwd`: its tests, else syntax checks of the changed files.
 * What ran is reported to `ctx.onCheck` as one line ({@link checkRow}); nothing is when no check could run.
 */
export async function fallbackCheck(
  ctx: {
    readonly cwd: string;
    readonly filesChanged: ReadonlySet<string>;
    readonly onCheck?: (line: string) => void;
  },
  shell: ShellSession | undefined,
  t: CheckLimits = CHECK_LIMITS,
): Promise<FallbackResult | undefined> {
  const started = Date.now();
  const tests = shell ? await runTests(ctx.cwd, shell, t) : undefined;
  const result = tests ?? (await checkSyntax(ctx.cwd, [...ctx.filesChanged], shell, t));
  if (result) ctx.onCheck?.(checkRow(result.command, result.passed, Date.now() - started, result.output));
  return result;
}

/** A duration for people: `850 ms`, `3.2 s`, `2 min 5 s` (as the terminal shows tool calls). */
function took(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/**
 * A check's live row: "`cmd` passed (1.2 s)", or "`cmd` failed (1.2 s): <first line of output>" (the
 * line redacted and cut at 160 characters; the output is the project's, so no secret may show).
 */
export function checkRow(command: string, passed: boolean, ms: number, output: string): string {
  const head = `\`${command}\` ${passed ? "passed" : "failed"} (${took(ms)})`;
  if (passed) return head;
  const first = String(redact(output, Number.POSITIVE_INFINITY))
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l !== "");
  return first ? `${head}: ${first.length > 160 ? `${first.slice(0, 159)}…` : first}` : head;
}

/** A fallback check as evidence (output capped at {@link EVIDENCE_CHARS}). */
export function asEvidence(result: FallbackResult): CheckEvidence {
  return {
    source: result.kind,
    command: result.command,
    ok: result.passed,
    output: excerpt(result.output, EVIDENCE_CHARS),
  };
}
