import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * The literal values a task asks for, and whether the run's changed files contain them. "In config.js,
 * change MAX_USERS from 10 to 25": a 0.5B model wrote `MAX_USERS = 30`, the syntax check passed and the
 * verdict said done. A task that names the value it wants gives evidence to look for: a changed file
 * that contains it. Conservative on purpose: only a value right after "to", in "from A to B" or
 * "change|set|update|make|rename|bump|increase|decrease … to B", and only when B is a number, a quoted
 * string, or the new name of a rename. "raise it from 5 seconds to 30 seconds" names no literal (the
 * file may say 30000): a number must end the clause, not be followed by a unit.
 */

/** A value the task asks for: a number (a whole token), quoted text, or a renamed identifier (a whole word). */
export interface Literal {
  readonly kind: "number" | "text" | "identifier";
  /** The value as the task writes it, without quotes. */
  readonly value: string;
}

/** A number: hex, or digits with dots (3.14, a version 1.5.0), optionally negative. */
const NUMBER = String.raw`-?(?:0x[0-9a-f]+|\d+(?:\.\d+)*)`;
/** A quoted string: '…', "…" or `…`. */
const QUOTED = String.raw`'[^'\n]+'|"[^"\n]+"|\`[^\`\n]+\``;
/** An identifier (the new name of a rename). */
const IDENTIFIER = String.raw`[A-Za-z_$][\w$]*`;

/** What may follow a number that is the whole value: the clause ends, or a joining word follows (not a unit). */
const NUMBER_END = String.raw`(?=[.,;:!?)]?(?:\s*$|\s+(?:and|in|everywhere|throughout|across|for|on|at|inside|within|without|instead|so|but|then|if|when|while|as)\b)|[,;:)](?:\s|$))`;
/** What may follow a renamed identifier: anything but a path or a longer word ("to utils.js"). */
const IDENTIFIER_END = String.raw`(?![\w$/\\-]|\.\w)`;

/** Text that cannot cross a sentence end: a dot only inside a word or a path ("config.json"). */
const CLAUSE = String.raw`(?:[^.!?\n]|\.(?=\S))`;

const FROM_TO = new RegExp(
  String.raw`\bfrom\s+${CLAUSE}{1,60}?\s+to\s+(?:(${NUMBER})${NUMBER_END}|(${QUOTED}))`,
  "gi",
);
const VERB_TO = new RegExp(
  String.raw`\b(?:change|set|update|make|rename|bump|increase|decrease)\s+${CLAUSE}{1,80}?\s+to\s+(?:(${NUMBER})${NUMBER_END}|(${QUOTED}))`,
  "gi",
);
const RENAME_TO = new RegExp(
  String.raw`\brename\s+${CLAUSE}{1,80}?\s+to\s+(${IDENTIFIER})${IDENTIFIER_END}`,
  "gi",
);

/** Words after "rename … to" that are not a new name. */
const NOT_A_NAME = /^(?:a|an|the|be|match|use|something|it|them|its|their|camelcase|snake_case)$/i;

/** The literal values the task asks for, each once, in order of mention. */
export function wantedLiterals(task: string): Literal[] {
  const out: Literal[] = [];
  const add = (lit: Literal) => {
    if (!out.some((l) => l.kind === lit.kind && l.value === lit.value)) out.push(lit);
  };
  for (const re of [FROM_TO, VERB_TO]) {
    for (const m of task.matchAll(re)) {
      if (m[1] !== undefined) add({ kind: "number", value: m[1] });
      else if (m[2] !== undefined) add({ kind: "text", value: m[2].slice(1, -1) });
    }
  }
  for (const m of task.matchAll(RENAME_TO)) {
    const name = m[1] ?? "";
    if (!NOT_A_NAME.test(name)) add({ kind: "identifier", value: name });
  }
  return out;
}

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether `text` contains the literal: a number as a whole token (25 is not in 250 or 1.25), a name as a whole word. */
export function containsLiteral(text: string, lit: Literal): boolean {
  if (lit.kind === "text")
    return text.includes(lit.value) || text.includes(JSON.stringify(lit.value).slice(1, -1));
  if (lit.kind === "identifier")
    return new RegExp(String.raw`(?<![\w$])${escaped(lit.value)}(?![\w$])`).test(text);
  // a positive number preceded by "-" is another number; hex digits may be written in either case
  const before = lit.value.startsWith("-") ? String.raw`(?<![\w.])` : String.raw`(?<![\w.-])`;
  return new RegExp(String.raw`${before}${escaped(lit.value)}(?![\w]|\.\d)`, "i").test(text);
}

/** Larger files are not read: the evidence is looked for in source and config files. */
const MAX_BYTES = 2_000_000;

/** The content of a changed file after the run, or "" when it is gone, a folder, or too large. */
function contentOf(cwd: string, path: string): string {
  try {
    const abs = join(cwd, path);
    const st = statSync(abs);
    return st.isFile() && st.size <= MAX_BYTES ? readFileSync(abs, "utf8") : "";
  } catch {
    return "";
  }
}

/**
 * The first literal the task asks for that no changed file contains (neither in its content nor, for a
 * rename of a file, in its path), or undefined when every one is there or the task names none.
 */
export function missingLiteral(task: string, cwd: string, changes: readonly string[]): Literal | undefined {
  const wanted = wantedLiterals(task);
  if (wanted.length === 0 || changes.length === 0) return undefined;
  const texts = changes.map((p) => `${p}\n${contentOf(cwd, p)}`);
  return wanted.find((lit) => !texts.some((t) => containsLiteral(t, lit)));
}
