import { tools as toolSpecs } from "../../../generated/index.ts";
import {
  ALLOW,
  type Guard,
  type GuardVerdict,
  type ParsedReply,
  type PendingCall,
  type ToolOutcomeRecord,
} from "../contract/index.ts";
import { callKey, changedSomething, EDIT_TOOLS, pathOf, refuse, steer, stop } from "../guard-kit/calls.ts";
import type { Thresholds } from "../guard-kit/thresholds.ts";
import { editDistance, nameWords } from "../tool-calls/names.ts";

/**
 * The quality monitor: empty turns, empty or hallucinated tool names (answered with the closest real
 * tools), exact repeats of the previous reply, and writes whose text is SmallCode's report of an
 * earlier call (refused). It corrects at most `maxConsecutiveCorrections`
 * turns in a row; after that it either lets the run continue uncorrected (`onExhausted: "continue"`,
 * the default) or stops it cleanly (`"stop"`). A clean turn resets the count.
 */

/** Switch name of this guard. */
export const QUALITY = "quality";

/** What the monitor does after too many corrections in a row. */
export type OnExhausted = "continue" | "stop";

/** Words small models use for tools that exist under another name. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  patch: ["edit", "replace", "str", "modify", "update", "change", "apply", "diff", "insert", "sed"],
  write_file: ["write", "create", "save", "new", "overwrite", "put"],
  read_file: ["read", "open", "view", "cat", "show", "get", "load", "contents", "content"],
  bash: ["run", "shell", "exec", "execute", "command", "terminal", "cmd", "sh", "process"],
  search: ["search", "grep", "rg", "find", "query", "lookup", "code"],
  find_files: ["list", "ls", "dir", "directory", "glob", "files", "tree", "find"],
  run_tests: ["test", "tests", "pytest", "jest", "check", "verify"],
  todo: ["plan", "todo", "task", "tasks", "step", "steps"],
  note: ["note", "memo", "remember", "memory", "scratch"],
  done_when: ["done", "finish", "complete", "assert", "criteria"],
};

/** Words that say nothing about which tool is meant. */
const GENERIC = new Set(["file", "files", "tool", "tools", "fn", "function", "call", "the", "a", "to"]);

/** Parameter names (and their aliases) of every declared tool. */
const PARAMS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.values(toolSpecs).map((spec) => [
    spec.name,
    [...Object.keys(spec.parameters.properties ?? {}), ...Object.values(spec.aliases).flat()],
  ]),
);

/**
 * The real tools closest to a wrong name: by shared meaning (`edit_file` → patch), by the arguments
 * the call carries (`command` → bash) and by spelling.
 * @param known the real tool names
 */
export function closestTools(
  name: string,
  known: readonly string[],
  limit = 3,
  args: Readonly<Record<string, unknown>> = {},
): string[] {
  const words = nameWords(name).filter((w) => !GENERIC.has(w));
  const keys = Object.keys(args);
  const scored = known.map((tool) => {
    const syn = SYNONYMS[tool] ?? nameWords(tool);
    const meaning = words.filter((w) => syn.includes(w) || nameWords(tool).includes(w)).length;
    const params = PARAMS[tool] ?? [];
    const fit = keys.length === 0 ? 0 : keys.filter((k) => params.includes(k)).length / keys.length;
    const spelling =
      name === "" ? 0 : editDistance(name.toLowerCase(), tool) / Math.max(name.length, tool.length);
    return { tool, score: meaning * 10 + fit * 8 - spelling * 5 };
  });
  scored.sort((a, b) => b.score - a.score || (a.tool < b.tool ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.tool);
}

/** How many of the latest tool results a write is compared with. */
const ECHO_WINDOW = 3;

/** Tools whose output is what a program printed, which a task may well ask to write into a file. */
const PROGRAM_OUTPUT = new Set(["bash", "run_tests"]);

/**
 * The report of a recent call that a write copies as the file's text: SmallCode's line about an edit
 * ("created `output.txt` (1 line)…") or an error ("file not found: …"). A 0.5B model wrote both into
 * output.txt instead of the number the task asked for. What a command printed or a file held is never
 * counted: copying those is a real task.
 */
function echoedReport(call: PendingCall, outcomes: readonly ToolOutcomeRecord[]): string | undefined {
  const written = call.name === "write_file" ? call.arguments.content : call.arguments.new_str;
  if (!EDIT_TOOLS.has(call.name) || typeof written !== "string" || written.trim() === "") return undefined;
  const text = written.trim();
  for (const o of outcomes.slice(-ECHO_WINDOW)) {
    if (PROGRAM_OUTPUT.has(o.call.name) || (o.ok && !EDIT_TOOLS.has(o.call.name))) continue;
    const first = o.output.trim().split("\n")[0]!.trim();
    if (text === o.output.trim() || text === first) return first;
  }
  return undefined;
}

function replyKey(reply: ParsedReply): string {
  return `${reply.text.trim()}\u0000${reply.calls.map(callKey).join("\u0000")}`;
}

/** Options of the quality monitor. */
export interface QualityOptions {
  /** Every real tool name (offered or not). */
  readonly knownTools: readonly string[];
  readonly onExhausted?: OnExhausted;
}

/** Creates the quality monitor. */
export function qualityGuard(t: Thresholds, options: QualityOptions): Guard {
  const known = new Set(options.knownTools);
  let consecutive = 0;
  let exhausted = false;
  let previous: string | undefined;
  let changesAtPrevious = 0;
  /** Call ids of this turn to answer with suggestions instead of running. */
  let badCalls = new Map<string, string>();

  /** Counts one correction; past the limit, continue silently or stop. */
  const correct = (verdict: GuardVerdict): GuardVerdict => {
    if (exhausted) return ALLOW;
    consecutive++;
    if (consecutive > t.maxConsecutiveCorrections) {
      if (options.onExhausted === "stop") {
        return stop(
          `the model's replies kept needing corrections (${t.maxConsecutiveCorrections} in a row did not help)`,
        );
      }
      exhausted = true;
      badCalls = new Map();
      return ALLOW;
    }
    return verdict;
  };

  return {
    name: QUALITY,

    start() {
      consecutive = 0;
      exhausted = false;
      previous = undefined;
      changesAtPrevious = 0;
      badCalls = new Map();
    },

    onReply(reply, ctx): GuardVerdict {
      badCalls = new Map();
      const changes = ctx.outcomes.filter(changedSomething).length;
      const key = replyKey(reply);
      const repeated =
        previous === key &&
        changes === changesAtPrevious &&
        (reply.text.trim().length >= 20 || reply.calls.length > 0);
      previous = key;
      changesAtPrevious = changes;

      if (reply.text.trim() === "" && reply.calls.length === 0) {
        return correct(
          steer("Your reply was empty. Call one tool for the next step, or answer if the task is done."),
        );
      }
      const offered = ctx.offeredTools.length > 0 ? ctx.offeredTools : [...known];
      for (const call of reply.calls) {
        if (known.has(call.name) || ctx.externalTools?.includes(call.name)) continue;
        const suggestions = closestTools(call.name, offered, t.toolSuggestions, call.arguments);
        const what = call.name.trim() === "" ? "a tool call without a name" : `unknown tool \`${call.name}\``;
        badCalls.set(call.id, `${what}; use one of the real tools: ${suggestions.join(", ")}`);
      }
      if (badCalls.size > 0) {
        const names = [
          ...new Set(reply.calls.filter((c) => badCalls.has(c.id)).map((c) => c.name || "(empty)")),
        ];
        const verdict = correct(
          steer(
            `There is no tool called ${names.map((n) => `\`${n}\``).join(", ")}. ` +
              `The tools are: ${offered.join(", ")}. Call one of them by its exact name.`,
          ),
        );
        if (verdict.action === "allow") badCalls = new Map();
        return verdict;
      }
      if (repeated) {
        return correct(
          steer(
            "You sent exactly the same reply as last time, and nothing has changed since. " +
              "Do something different: use the result you already have, or try another approach.",
          ),
        );
      }
      consecutive = 0;
      exhausted = false;
      return ALLOW;
    },

    beforeTool(call, ctx): GuardVerdict {
      const message = badCalls.get(call.id);
      if (message !== undefined) return refuse(message);
      const report = echoedReport(call, ctx.outcomes);
      if (report === undefined) return ALLOW;
      const path = pathOf(call, ctx.cwd) ?? "the file";
      return refuse(
        `[not written] that text is SmallCode's report of an earlier call ("${report.slice(0, 120)}"), not what ` +
          `\`${path}\` should hold. Write the text the task asks for (for example what a command printed).`,
      );
    },
  };
}
