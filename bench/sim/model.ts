import { estimate } from "../../cli/testkit/scripted-replies.ts";
import type { ScriptedReply } from "../../cli/testkit/scripted-server.ts";
import { classifyReply, compressReply, IntentMemo, pickReply, repairReply } from "./aux-prompts.ts";
import {
  type Fitted,
  findTask,
  fitWindow,
  readHistory,
  summarisedSteps,
  type WireMessage,
} from "./conversation.ts";
import { renderCall } from "./formats.ts";
import { doneWhenCall, planCall, protocolOf } from "./instructions.ts";
import { disturbAnchor, hallucinateName, renameParam } from "./noise.ts";
import { drawNoise, type NoiseDecision } from "./noise-plan.ts";
import { type CallFormat, parseSimModel, type SimProfile } from "./profiles.ts";
import { nextAction } from "./progress.ts";
import { Rng } from "./rng.ts";
import type { SimCall, SimTask } from "./types.ts";

/**
 * A simulated small model: answers each chat request from the conversation it receives and the task's
 * reference trajectory, then degrades the reply with the seeded noise of its profile (chosen by the
 * requested model name, `7b@SEED`). Deterministic: the randomness of a reply depends only on the seed,
 * the task, the prompt, the number of messages and the attempt.
 */

/** Counts of what the sim did, for run reports and rate checks. */
export interface SimStats {
  requests: number;
  /** Replies by `x-marrow-prompt` (`act` for requests without one). */
  prompts: Record<string, number>;
  /** Tool calls emitted, by format. */
  formats: Partial<Record<CallFormat, number>>;
  /** Noise events by kind. */
  events: Record<string, number>;
  /** Requests whose oldest messages did not fit the window. */
  truncated: number;
}

const GREETINGS = [
  "Hello! How can I help you with your code today?",
  "Hi there! What would you like me to work on?",
  "I'm ready to help. Could you tell me what you need?",
];

const PREMATURE = [
  "Done! The task is complete.",
  "I have made the requested changes.",
  "The fix is in place; everything should work now.",
];

/** A reply before usage is added; `think` is decided by the act noise draw, else drawn per reply. */
interface ActReply {
  readonly content: string;
  readonly calls?: ScriptedReply["toolCalls"];
  readonly think?: boolean;
}

/** The simulated model behind `startSimServer`. */
export class SimModel {
  readonly tasks: readonly SimTask[];
  readonly stats: SimStats = { requests: 0, prompts: {}, formats: {}, events: {}, truncated: 0 };
  readonly #memo = new IntentMemo();

  constructor(tasks: readonly SimTask[]) {
    this.tasks = tasks;
  }

  #count(event: string): void {
    this.stats.events[event] = (this.stats.events[event] ?? 0) + 1;
  }

  /** The reply to one chat request (parsed body and lower-cased headers). */
  respond(body: Record<string, unknown>, headers: Readonly<Record<string, string>>): ScriptedReply {
    const model = parseSimModel(String(body.model ?? ""));
    if (!model) {
      return {
        status: 404,
        errorMessage: `model "${String(body.model)}" not found; use clean, 7b or 3b (e.g. 7b@1)`,
      };
    }
    const { profile, seed } = model;
    const prompt = headers["x-marrow-prompt"] ?? "act";
    const attempt = headers["x-marrow-attempt"] ?? "1";
    const messages = (Array.isArray(body.messages) ? body.messages : []) as WireMessage[];
    const toolTokens =
      Array.isArray(body.tools) && body.tools.length > 0 ? estimate(JSON.stringify(body.tools).length) : 0;
    const fitted = fitWindow(messages, toolTokens, profile.contextWindow);
    const task = findTask(fitted.messages, this.tasks);
    const rng = new Rng(`${profile.name}|${seed}|${task?.id ?? "-"}|${prompt}|${messages.length}|${attempt}`);
    this.stats.requests++;
    this.stats.prompts[prompt] = (this.stats.prompts[prompt] ?? 0) + 1;
    if (fitted.dropped > 0) this.stats.truncated++;

    let reply: ActReply;
    switch (prompt) {
      case "classify_task_type":
        reply = { content: classifyReply(task, profile, rng) };
        break;
      case "pick_tool_categories":
        reply = { content: pickReply(task, profile, rng) };
        break;
      case "compress_history":
        reply = { content: compressReply(task, fitted.messages, profile, rng) };
        break;
      case "repair_tool_call":
        reply = { content: repairReply(fitted.messages, this.#memo, profile, rng) };
        break;
      default:
        reply = this.#act(task, fitted, body, profile, rng);
    }
    let content = reply.content;
    if (reply.think ?? rng.chance(profile.think)) {
      this.#count("think");
      content = `<think>\nLet me think about what to do next for this request.\n</think>\n${content}`;
    }
    const args = (reply.calls ?? []).map((c) => String(c.arguments)).join("");
    return {
      content,
      ...(reply.calls && reply.calls.length > 0 ? { toolCalls: reply.calls } : {}),
      usage: { prompt_tokens: fitted.tokens, completion_tokens: estimate((content + args).length) },
    };
  }

  #act(
    task: SimTask | undefined,
    fitted: Fitted,
    body: Record<string, unknown>,
    profile: SimProfile,
    rng: Rng,
  ): ActReply {
    if (!task) {
      this.#count("task_lost_to_window");
      return { content: rng.pick(GREETINGS) };
    }
    const observations = readHistory(fitted.messages);
    const action = nextAction(task.trajectory, observations, summarisedSteps(fitted.messages));
    const previous = observations[observations.length - 1];
    const noise = drawNoise(profile, rng, {
      workLeft: action.kind === "call" && action.step > 0,
      hasPrevious: previous !== undefined,
      isPatch: action.kind === "call" && typeof action.call.args.old_str === "string",
      careful: action.kind === "call" && action.careful,
      nativeOffered: Array.isArray(body.tools) && body.tools.length > 0,
    });
    const think = noise.think;
    if (noise.lostTask) {
      this.#count("lost_task");
      return { content: rng.pick(GREETINGS), think };
    }
    // The agent's protocol (plan first, declare a check before answering), when the model follows it.
    const protocol = protocolOf(body, fitted.messages);
    const answering = action.kind === "answer" || noise.prematureDone;
    const extra = rng.chance(profile.followsInstructions)
      ? ((answering ? doneWhenCall(task, protocol, observations) : undefined) ??
        planCall(task, protocol, observations))
      : undefined;
    let call: SimCall;
    if (extra) {
      this.#count(`follows:${extra.name}`);
      call = extra;
    } else if (action.kind === "answer") {
      return { content: task.answer, think };
    } else if (noise.prematureDone) {
      this.#count("premature_done");
      return { content: rng.pick(PREMATURE), think };
    } else if (noise.repeat && previous) {
      this.#count("repeat");
      call = previous.call;
    } else if (noise.anchorWhitespace) {
      this.#count("anchor_whitespace");
      call = disturbAnchor(action.call, rng);
    } else {
      call = action.call;
    }
    return this.#emit(call, noise, rng, think);
  }

  /** Writes `call` with the reply's name, parameter, JSON and format noise. */
  #emit(intended: SimCall, noise: NoiseDecision, rng: Rng, think: boolean): ActReply {
    let call = intended;
    if (noise.hallucinatedTool) {
      this.#count("hallucinated_tool");
      call = hallucinateName(call, rng);
    }
    if (noise.wrongParamName) {
      this.#count("wrong_param_name");
      call = renameParam(call, rng);
    }
    if (noise.brokenJson) this.#count(`broken_json:${noise.brokenJson}`);
    this.stats.formats[noise.format] = (this.stats.formats[noise.format] ?? 0) + 1;
    const rendered = renderCall(call, noise.format, rng, noise.brokenJson);
    if (rendered.kind === "native") {
      const id = `call_${rng.int(0, 0xffffff).toString(16)}`;
      if (noise.brokenJson || call !== intended) this.#memo.remember(rendered.arguments, intended);
      return { content: "", calls: [{ id, name: rendered.name, arguments: rendered.arguments }], think };
    }
    this.#memo.remember(rendered.text, intended);
    return { content: rendered.text, think };
  }
}
