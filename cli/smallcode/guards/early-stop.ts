import { ALLOW, type Guard, type GuardContext, type GuardVerdict } from "../contract/index.ts";
import {
  callKey,
  changedSomething,
  EDIT_TOOLS,
  isReadOnlyCall,
  needsChanges,
  PATCH_TOOLS,
  pathOf,
  showCall,
  steer,
  stop,
} from "../guard-kit/calls.ts";
import { editTargets, filesToCreate } from "../guard-kit/targets.ts";
import type { Thresholds } from "../guard-kit/thresholds.ts";
import { isGreeting, isRepetitive } from "./replies.ts";

/**
 * Early-stop detection: the ways a small model burns its steps without getting anywhere.
 * - identical tool-call loops: the same call `loopSteerAt` times → steer, naming a file the task asks for
 *   that is still missing, and withhold that call's tool for one turn; `loopStopAt` times → stop;
 * - read-only loops: many reads in a row on a task that needs changes, and no change → steer, then stop;
 * - patch spirals: repeated failed patches on one file → re-read the region and rewrite it; then stop;
 * - repetition inside a reply → steer;
 * - greeting regression (the model lost the task) → re-inject the task; stop when it keeps happening;
 * - a final answer on a change task that changed nothing → refuse it (steer), a bounded number of times.
 */

/** Switch name of this guard. */
export const EARLY_STOP = "early-stop";

/** Greetings tolerated (each answered by re-injecting the task) before the run is stopped. */
const MAX_GREETINGS = 2;

/**
 * What to do instead of a repeated call. When the task asks for a file that is still missing (a 0.5B
 * model ran `python3 secret.py` four times and never wrote the output.txt the task asked for), that
 * file, by name, with the call that writes it; otherwise the general advice.
 */
function nextStep(ctx: GuardContext): string {
  const missing = needsChanges(ctx) ? filesToCreate(ctx.task, editTargets(ctx.task, ctx.cwd), ctx.cwd) : [];
  const first = missing[0];
  if (first === undefined)
    return "Do something different: use what it returned, try another approach, or finish if the task is done.";
  return (
    `The task asks for \`${first}\`, which does not exist yet: write it now with ` +
    `write_file(path="${first}", content=…), putting in what the task asks for from what the call returned.`
  );
}

/** Creates the early-stop guard. */
export function earlyStopGuard(t: Thresholds): Guard {
  let recent: string[] = [];
  let steeredKeys = new Set<string>();
  let readStreak = 0;
  let readSteered = false;
  let patchFails = new Map<string, number>();
  let greetings = 0;
  let finishRefusals = 0;
  /** The tool of the call the model was just steered off for repeating: not offered on the next turn. */
  let withheld: string | undefined;

  const readLimits = (ctx: GuardContext) => {
    const factor = needsChanges(ctx) ? 1 : t.readOnlyLooseFactor;
    return { steerAt: t.readOnlySteerAt * factor, stopAt: t.readOnlyStopAt * factor };
  };

  return {
    name: EARLY_STOP,

    start() {
      recent = [];
      steeredKeys = new Set();
      readStreak = 0;
      readSteered = false;
      patchFails = new Map();
      greetings = 0;
      finishRefusals = 0;
      withheld = undefined;
    },

    offeredTools(names): string[] {
      // One turn without the repeated call's tool: a small model that is forced to call a tool (or
      // whose grammar holds the tool set) otherwise makes the same call again, steer or not.
      const tool = withheld;
      withheld = undefined;
      const rest = names.filter((n) => n !== tool);
      return rest.length > 0 ? rest : [...names];
    },

    onReply(reply, ctx): GuardVerdict {
      if (reply.calls.length === 0 && isGreeting(reply.text)) {
        greetings++;
        if (greetings > MAX_GREETINGS)
          return stop("the model keeps greeting instead of working on the task; it has lost the task");
        return steer(
          `You are in the middle of a task; do not greet or ask what to do. Your task is:\n${ctx.task}\n` +
            "Continue with the next step now (call a tool).",
        );
      }
      if (isRepetitive(reply.text, t)) {
        return steer(
          "Your last reply repeated the same text over and over. Do not repeat yourself: " +
            "take the next single step with one tool call, or give a short final answer.",
        );
      }
      return ALLOW;
    },

    beforeTool(call, ctx): GuardVerdict {
      const key = callKey(call);
      recent.push(key);
      if (recent.length > t.loopWindow) recent = recent.slice(-t.loopWindow);
      const times = recent.filter((k) => k === key).length;
      if (times >= t.loopStopAt) {
        return stop(`the model repeated the same call ${times} times: ${showCall(call)}`);
      }
      if (times >= t.loopSteerAt && !steeredKeys.has(key)) {
        steeredKeys.add(key);
        withheld = call.name;
        return steer(
          `You have made the same call ${times} times: ${showCall(call)}. Its result will not change, and ` +
            `${call.name} is not offered for your next step. ${nextStep(ctx)}`,
        );
      }
      return ALLOW;
    },

    afterTool(outcome, ctx): GuardVerdict {
      const { call } = outcome;
      if (changedSomething(outcome)) {
        readStreak = 0;
        readSteered = false;
      } else if (isReadOnlyCall(call)) {
        readStreak++;
      } else if (call.name === "bash" || call.name === "run_tests") {
        // running something (tests, a build) is progress of a kind: it ends a pure reading streak
        readStreak = 0;
      }
      const limits = readLimits(ctx);
      if (readStreak >= limits.stopAt) {
        return stop(
          `${readStreak} read-only calls in a row without any change; the model is not making progress`,
        );
      }
      if (readStreak >= limits.steerAt && !readSteered) {
        readSteered = true;
        return steer(
          needsChanges(ctx)
            ? `You have made ${readStreak} read-only calls in a row and changed nothing. You have read enough: ` +
                "make the change now with patch or write_file, then check it."
            : `You have made ${readStreak} read-only calls in a row. Answer with what you found, or read only what is still missing.`,
        );
      }

      const path = EDIT_TOOLS.has(call.name) ? pathOf(call, ctx.cwd) : undefined;
      if (path === undefined) return ALLOW;
      if (outcome.ok) {
        patchFails.delete(path);
        return ALLOW;
      }
      if (!PATCH_TOOLS.has(call.name)) return ALLOW;
      const fails = (patchFails.get(path) ?? 0) + 1;
      patchFails.set(path, fails);
      if (fails >= t.patchSpiralStopAt) {
        return stop(`${fails} failed patches in a row on \`${path}\`; the model cannot edit this file`);
      }
      if (fails >= t.patchSpiralSteerAt) {
        return steer(
          `${fails} patches on \`${path}\` have failed in a row. Stop guessing old_str: read the region again ` +
            `with read_file(path="${path}", start_line=…, end_line=…), then replace the whole region — copy old_str ` +
            "exactly from that output, or rewrite the file with write_file if it is small.",
        );
      }
      return ALLOW;
    },

    beforeFinish(_answer, ctx): GuardVerdict {
      if (!needsChanges(ctx) || finishRefusals >= t.noChangeFinishRefusals) return ALLOW;
      const changed = ctx.filesChanged.size > 0 || ctx.outcomes.some(changedSomething);
      if (changed) return ALLOW;
      finishRefusals++;
      return steer(
        `The task asks for changes, but you have not changed any file yet. The task is:\n${ctx.task}\n` +
          "Make the change with patch or write_file (read the file first), check it, then answer. " +
          "If no change is needed, say why in your answer.",
      );
    },
  };
}
