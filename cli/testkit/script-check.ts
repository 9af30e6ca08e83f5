import { z } from "zod";
import type { Script, ScriptedReply, ScriptedRule } from "./scripted-server.ts";

/**
 * Checks a scripted-server script read from JSON (`--script file.json`), so a typo (`"replys"`, a
 * fault that does not exist) is named instead of silently answering with the fallback. The shape is
 * the `Script` type of scripted-server.ts; docs/scripted-server.md describes it.
 */

const FAULTS = [
  "hang",
  "html",
  "truncated",
  "malformed_sse",
  "empty_choices",
  "reset",
  "not_json",
  "cut_off",
] as const;

const reply = z.strictObject({
  content: z.string().optional(),
  reasoning: z.string().optional(),
  toolCalls: z
    .array(
      z.strictObject({
        id: z.string().optional(),
        name: z.string(),
        arguments: z.union([z.string(), z.record(z.string(), z.unknown())]),
      }),
    )
    .optional(),
  finishReason: z.string().optional(),
  usage: z
    .union([z.literal(false), z.strictObject({ prompt_tokens: z.number(), completion_tokens: z.number() })])
    .optional(),
  logprob: z.number().optional(),
  delayMs: z.number().nonnegative().optional(),
  chunkDelayMs: z.number().nonnegative().optional(),
  chunkSize: z.number().int().positive().optional(),
  fault: z.enum(FAULTS).optional(),
  status: z.number().int().min(100).max(599).optional(),
  errorMessage: z.string().optional(),
  retryAfter: z.number().nonnegative().optional(),
  retryAfterMs: z.number().nonnegative().optional(),
});

const rule = z.strictObject({
  prompt: z.string().optional(),
  match: z.string().optional(),
  matchRegex: z
    .string()
    .refine((source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    }, "not a valid regular expression")
    .optional(),
  model: z.string().optional(),
  replies: z.array(reply).min(1),
});

const script = z.strictObject({
  $comment: z.string().optional(),
  rules: z.array(rule).optional(),
  fallback: reply.optional(),
  models: z.array(z.string()).optional(),
  apiKey: z.string().optional(),
  ollama: z
    .strictObject({
      version: z.string().optional(),
      contextLength: z.number().int().positive().optional(),
      defaultNumCtx: z.number().int().positive().optional(),
    })
    .optional(),
});

/** The fields of each part of a script, for the documentation test. */
export const SCRIPT_FIELDS = {
  script: Object.keys(script.shape),
  rule: Object.keys(rule.shape),
  reply: Object.keys(reply.shape),
  faults: [...FAULTS],
} as const;

// The checker must know every field the server reads: adding one to the types without adding it
// here fails the type-check.
type Unchecked<T, S> = Exclude<keyof T, keyof S>;
const everyReplyField: [Unchecked<ScriptedReply, z.infer<typeof reply>>] extends [never] ? true : false =
  true;
const everyRuleField: [Unchecked<ScriptedRule, z.infer<typeof rule>>] extends [never] ? true : false = true;
const everyScriptField: [Unchecked<Script, z.infer<typeof script>>] extends [never] ? true : false = true;
const everyFault: [Exclude<NonNullable<ScriptedReply["fault"]>, (typeof FAULTS)[number]>] extends [never]
  ? true
  : false = true;
void [everyReplyField, everyRuleField, everyScriptField, everyFault];

/** The script, or the problems with it, one per line: `rules.0.replies.1.fault: Invalid option: …`. */
export function checkScript(
  value: unknown,
): { readonly ok: true; readonly script: Script } | { readonly ok: false; readonly problems: string[] } {
  const parsed = script.safeParse(value);
  if (parsed.success) return { ok: true, script: parsed.data as Script };
  const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`);
  return { ok: false, problems };
}
