import { ALLOW, type Guard, type GuardContext, type GuardVerdict } from "../contract/index.ts";
import { steer } from "../guard-kit/calls.ts";
import type { Thresholds } from "../guard-kit/thresholds.ts";

/**
 * Per-tool trust decay. A tool that fails `trustDemoteAt` times in a row is demoted: the model is told
 * to prefer another way. At `trustDropAt` failures in a row it is dropped from the schemas offered on
 * later turns (`offeredTools`), so a small model stops reaching for it. A success restores trust;
 * everything resets per task. Tools whose failures are the project's (`bash`, `run_tests`) are exempt.
 */

/** Switch name of this guard. */
export const TOOL_TRUST = "tool-trust";

/** What to use instead of a tool that keeps failing. */
const INSTEAD: Readonly<Record<string, string>> = {
  patch:
    "read the exact lines with read_file first and copy old_str from them, or use write_file with the whole new content",
  read_and_patch: "read the exact lines with read_file and copy old_str from them, or use write_file",
  write_file: "check the path and pass the full content; to change part of a file use patch",
  read_file: "find the right path with find_files, or use search_and_read",
  search: "use find_files to locate files by name, or a simpler pattern (plain words, no regex)",
  search_and_read: "use search with a simpler pattern, then read_file",
  find_files: "use a simpler glob such as `**/*.py`, or search for a word inside the files",
};

/** A guard that also filters the tools offered on the next turn. */
export interface TrustGuard extends Guard {
  /** `names` minus the tools dropped for repeated failures (never empties the list). */
  offeredTools(names: readonly string[], ctx: GuardContext): string[];
}

/** Creates the tool-trust guard. */
export function toolTrustGuard(t: Thresholds): TrustGuard {
  const exempt = new Set(t.trustExempt);
  let failures = new Map<string, number>();
  let demoted = new Set<string>();

  return {
    name: TOOL_TRUST,

    start() {
      failures = new Map();
      demoted = new Set();
    },

    afterTool(outcome): GuardVerdict {
      const name = outcome.call.name;
      if (exempt.has(name)) return ALLOW;
      if (outcome.ok) {
        failures.delete(name);
        demoted.delete(name);
        return ALLOW;
      }
      const n = (failures.get(name) ?? 0) + 1;
      failures.set(name, n);
      if (n === t.trustDropAt) {
        return steer(
          `\`${name}\` has failed ${n} times in a row and is no longer offered for this task. ` +
            `Instead: ${INSTEAD[name] ?? "use another tool"}.`,
        );
      }
      if (n >= t.trustDemoteAt && !demoted.has(name)) {
        demoted.add(name);
        return steer(
          `\`${name}\` has failed ${n} times in a row. Stop retrying it the same way. Instead: ${
            INSTEAD[name] ?? "use another tool"
          }.`,
        );
      }
      return ALLOW;
    },

    offeredTools(names) {
      const kept = names.filter((n) => (failures.get(n) ?? 0) < t.trustDropAt);
      return kept.length > 0 ? kept : [...names];
    },
  };
}
