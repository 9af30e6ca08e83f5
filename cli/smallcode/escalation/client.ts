import OpenAI from "openai";
import type { AgentTurn, ToolSpec } from "../../../runtime/index.ts";
import type { Message } from "../contract/index.ts";
import type { EscalationSettings } from "../contract/options.ts";

/**
 * The call to the stronger endpoint: its own `openai` client, made with that endpoint's URL and key
 * only, so the key goes to its own host and the run's usual key never goes there. No retries: a
 * failed escalation is reported and the run goes on with its usual model.
 */

/** Calls the stronger model once with `messages`, offering `tools`; the reply as an agent turn. */
export async function callStrong(
  settings: EscalationSettings,
  apiKey: string | undefined,
  messages: readonly Message[],
  tools: readonly ToolSpec[],
  signal?: AbortSignal,
): Promise<AgentTurn> {
  const client = new OpenAI({
    baseURL: settings.baseUrl,
    // Never the OPENAI_API_KEY the client would read by itself: that key belongs to another host.
    apiKey: apiKey ?? "none",
    maxRetries: 0,
    timeout: 180_000,
  });
  const response = await client.chat.completions.create(
    {
      model: settings.model,
      messages: messages as OpenAI.Chat.ChatCompletionMessageParam[],
      ...(tools.length > 0
        ? {
            tools: tools.map((t) => ({
              type: "function" as const,
              function: {
                name: t.name,
                description: t.description,
                parameters: t.parameters as Record<string, unknown>,
              },
            })),
          }
        : {}),
    },
    { ...(signal ? { signal } : {}), headers: { "x-marrow-prompt": "escalation" } },
  );
  const choice = response.choices[0];
  const calls = (choice?.message.tool_calls ?? []).flatMap((c) =>
    c.type === "function" ? [{ id: c.id, name: c.function.name, arguments: c.function.arguments }] : [],
  );
  return {
    text: choice?.message.content ?? "",
    toolCalls: calls,
    finishReason: choice?.finish_reason ?? null,
    usage: {
      promptTokens: response.usage?.prompt_tokens ?? 0,
      completionTokens: response.usage?.completion_tokens ?? 0,
      estimated: response.usage === undefined,
    },
  };
}
