import { z } from "zod";
import { ChatMessage } from "./chat.ts";
import type { NativeTool } from "./client.ts";
import { enumMembers } from "./enums.ts";
import { InvalidInputError } from "./errors.ts";
import type { ModelSpec, PromptSpec, ToolSpec } from "./spec.ts";
import { nativeTools, offeredTools, textualHistory, toolsPrompt } from "./tool-prompt.ts";

/**
 * The messages of a call: `system:` as the system message, `template:` as the user message, then the
 * `chat` parameter's messages; tools offered natively or written into the system message.
 */

/**
 * The values templates see: the input, plus `categories` / `labels` when the output is an enum or a
 * list of one (its members). Parameters of the same name win.
 */
export function renderContext(spec: PromptSpec<unknown, unknown>, input: unknown): Record<string, unknown> {
  const values = input !== null && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const labels = spec.output.kind === "label" ? spec.output.labels : enumMembers(spec.schema);
  if (!labels) return values;
  return { categories: labels, labels, ...values };
}

/** Rendered templates (the part of a request that does not depend on the model). */
export interface Rendered {
  readonly system?: string;
  readonly user: string;
  readonly history: readonly ChatMessage[];
}

/** Renders the prompt's templates and reads its chat history. */
export function render(spec: PromptSpec<unknown, unknown>, input: unknown): Rendered {
  const context = renderContext(spec, input);
  const system = spec.system ? spec.system(context) : undefined;
  const user = spec.template(context);
  let history: ChatMessage[] = [];
  if (spec.chatParam) {
    const parsed = z.array(ChatMessage).safeParse(context[spec.chatParam] ?? []);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${[spec.chatParam, ...i.path].join(".")}: ${i.message}`);
      throw new InvalidInputError(
        `prompt \`${spec.name}\`: \`${spec.chatParam}\` is not a list of chat messages`,
        issues,
        {
          prompt: spec.name,
        },
      );
    }
    history = parsed.data;
  }
  return { ...(system !== undefined ? { system } : {}), user, history };
}

/** Messages and native tools for one model. */
export function messagesFor(
  spec: PromptSpec<unknown, unknown>,
  rendered: Rendered,
  model: ModelSpec,
  toolNames: readonly string[] | undefined,
  extraTools: readonly ToolSpec[] = [],
): { messages: ChatMessage[]; tools?: NativeTool[] } {
  const tools =
    spec.output.kind === "turn" ? offeredTools([...(spec.tools ?? []), ...extraTools], toolNames) : [];
  const native = model.toolFormat === "native";
  const section = native ? "" : toolsPrompt(tools, model.toolFormat);
  const messages: ChatMessage[] = [];
  const system = [rendered.system?.trim() ?? "", section].filter((s) => s !== "").join("\n\n");
  if (system !== "") messages.push({ role: "system", content: system });
  if (rendered.user.trim() !== "") messages.push({ role: "user", content: rendered.user });
  messages.push(...(native ? rendered.history : textualHistory(rendered.history, model.toolFormat)));
  return native && tools.length > 0 ? { messages, tools: nativeTools(tools) } : { messages };
}

/** What a valid reply looks like, for a repair prompt. */
function expected(spec: PromptSpec<unknown, unknown>): string {
  const output = spec.output;
  switch (output.kind) {
    case "label":
      return `only one of these labels, nothing else: ${output.labels.join(", ")}`;
    case "scalar":
      return output.type === "bool"
        ? "only true or false"
        : `only a single ${output.type === "int" ? "whole number" : "number"}`;
    case "json": {
      let schema = "";
      try {
        schema = JSON.stringify(z.toJSONSchema(spec.schema as z.ZodType, { unrepresentable: "any" }));
      } catch {
        // a schema zod cannot describe: ask for JSON without it
      }
      return schema && schema.length < 2000
        ? `only a JSON value matching this JSON schema: ${schema}`
        : "only the corrected JSON value";
    }
    default:
      return "only the corrected answer";
  }
}

/** The conversation for a repair call: the request, the model's invalid reply, and what was wrong with it. */
export function repairMessages(
  spec: PromptSpec<unknown, unknown>,
  messages: readonly ChatMessage[],
  raw: string,
  issues: readonly string[],
): ChatMessage[] {
  const problems = issues.map((i) => `- ${i}`).join("\n");
  return [
    ...messages,
    { role: "assistant", content: raw },
    {
      role: "user",
      content: `Your reply could not be used:\n${problems}\n\nReply again with ${expected(spec)}.`,
    },
  ];
}
