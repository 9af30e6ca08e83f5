/**
 * The definition of done: assertions the model declares — a command and its expected outcome (an exit
 * code, an output substring, or both) — and how a run of the command is judged against them.
 *
 * A model declares them with the `done_when` tool, or in plain text, which small models manage well:
 *
 * ```
 * DONE WHEN:
 * - `npm test` exits 0
 * - `node cli.js --version` prints "1.2.0"
 * - `pytest tests/test_dates.py` passes
 * ```
 */

/** One declared assertion. */
export interface Assertion {
  /** 1-based, in declaration order. */
  readonly id: number;
  readonly command: string;
  /** Expected exit code; when neither this nor `outputContains` is given, 0. */
  readonly exitCode?: number;
  readonly outputContains?: string;
  /**
   * How it was declared: by the model (`tool`, `text`), or by the user in the task's own text
   * (`user`: the user's check, run as written, see contracts/guard.ts).
   */
  readonly source: "tool" | "text" | "user";
}

/** An assertion without its id and source: what a declaration says. */
export type Declared = Omit<Assertion, "id" | "source">;

/** The result of judging one run. */
export interface Judgement {
  readonly passed: boolean;
  /** Why it failed, in words the model can act on. */
  readonly why?: string;
}

/** The exit code an assertion expects (0 when it states none and no output either). */
export function expectedExit(a: Declared): number | undefined {
  return a.exitCode ?? (a.outputContains === undefined ? 0 : undefined);
}

/** `exits 0 and prints "ok"`. */
export function describeExpectation(a: Declared): string {
  const parts: string[] = [];
  const code = expectedExit(a);
  if (code !== undefined) parts.push(`exits ${code}`);
  if (a.outputContains !== undefined) parts.push(`prints ${JSON.stringify(a.outputContains)}`);
  return parts.join(" and ");
}

/** Judges a finished run of the assertion's command. */
export function judge(
  a: Declared,
  run: { exitCode: number | null; output: string; timedOut?: boolean },
): Judgement {
  if (run.timedOut) return { passed: false, why: "it timed out" };
  const code = expectedExit(a);
  if (code !== undefined && run.exitCode !== code)
    return { passed: false, why: `it exited ${run.exitCode ?? "without a status"}, expected ${code}` };
  if (a.outputContains !== undefined && !run.output.includes(a.outputContains))
    return { passed: false, why: `its output does not contain ${JSON.stringify(a.outputContains)}` };
  return { passed: true };
}

/** Same command and expectations. */
export function sameAssertion(a: Declared, b: Declared): boolean {
  return (
    a.command.trim() === b.command.trim() &&
    expectedExit(a) === expectedExit(b) &&
    a.outputContains === b.outputContains
  );
}

const HEADER = /^\s*(?:[#>*_\s]*)done\s+when\s*[*_]*\s*:?\s*[*_]*\s*(.*)$/i;
const ITEM = /^\s*(?:[-*•]|\d+[.)])\s+(.*)$/;
const QUOTED = /["“'‘]([^"”'’]+)["”'’]/;

function parseItem(line: string): Declared | null {
  const cmd = /`([^`]+)`/.exec(line);
  if (!cmd) return null;
  const command = cmd[1]!.trim();
  if (command === "") return null;
  const rest = line.slice(cmd.index + cmd[0].length);
  const out: { command: string; exitCode?: number; outputContains?: string } = { command };
  const exit =
    /\b(?:exits?|returns?|exit code|status)\s*(?:with\s+)?(?:code\s+|status\s+)?(?:=\s*)?(\d+)/i.exec(rest);
  if (exit) out.exitCode = Number(exit[1]);
  else if (/\b(pass(es)?|succeeds?|works|is green|without errors?)\b/i.test(rest)) out.exitCode = 0;
  const says = /\b(?:prints?|outputs?|shows?|contains?|says|includes?|writes?|displays?)\b(.*)$/i.exec(rest);
  if (says) {
    const q = QUOTED.exec(says[1]!) ?? /`([^`]+)`/.exec(says[1]!);
    if (q) out.outputContains = q[1];
  }
  return out;
}

/**
 * The user's own checks: the `DONE WHEN:` block of the task as the user typed it. Files the REPL
 * attaches with `@path` follow the typed text as `Attached \`path\`:` blocks; they are project
 * content, not the user's word, so the text is cut at the first of them (a cut too early loses a
 * user check, never adds one).
 */
export function parseUserDoneWhen(task: string): Declared[] {
  return parseDoneWhen(task.split(/\n\nAttached `/)[0] ?? "");
}

/**
 * The assertions of a `DONE WHEN:` block in `text` (bulleted lines with the command in backticks, or
 * one on the header line itself), or an empty list.
 */
export function parseDoneWhen(text: string): Declared[] {
  const lines = text.split(/\r?\n/);
  const out: Declared[] = [];
  for (let i = 0; i < lines.length; i++) {
    const h = HEADER.exec(lines[i]!);
    if (!h) continue;
    const inline = h[1] ? parseItem(h[1]) : null;
    if (inline) out.push(inline);
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.trim() === "") {
        if (out.length > 0) break;
        continue;
      }
      const item = ITEM.exec(line);
      if (!item) break;
      const parsed = parseItem(item[1]!);
      if (parsed) out.push(parsed);
    }
  }
  return out;
}
