import type { SlashCommand } from "./types.ts";

/**
 * `/compact`: summarises the conversation now, not when the window fills. The saved session's older
 * turns become one summary message (the `compress_history` prompt on the session's model; a list of
 * the tool calls when that call fails), the newest turn stays, and the session file is rewritten, so
 * the next task continues from the short history.
 */

/** Turns kept as they are after the summary (the newest, usually the last answer). */
const KEEP = 1;

/** `/compact`. */
export const compact: SlashCommand = {
  name: "compact",
  usage: "/compact",
  description: "summarise the conversation so far into one message (the next task continues from it)",
  async run(ctx) {
    const id = ctx.sessionId;
    if (id === undefined) {
      ctx.say("nothing to compact: no task ran in this conversation yet");
      return;
    }
    const [sessions, compress, pairs, tokens, generated, runtime, connection] = await Promise.all([
      import("../../sessions/index.ts"),
      import("../../context/compress.ts"),
      import("../../context/pairs.ts"),
      import("../../context/tokens.ts"),
      import("../../../../generated/index.ts"),
      import("../../../../runtime/index.ts"),
      import("../../agent/connection.ts"),
    ]);
    let data: Awaited<ReturnType<typeof sessions.loadSession>>;
    try {
      data = await sessions.loadSession(ctx.cwd, id);
    } catch (error) {
      ctx.say(`cannot compact: ${(error as Error).message}`);
      return;
    }
    const units = pairs.toUnits(data.history);
    const older = units.slice(0, Math.max(0, units.length - KEEP));
    if (
      older.length === 0 ||
      (older.length === 1 && isSummary(older[0]?.messages, compress.SUMMARY_HEADER))
    ) {
      ctx.say("nothing to compact: the conversation is one turn (or already a summary)");
      return;
    }
    const call = { runtime: connection.connectionRuntime(runtime.defaultRuntime(), ctx.agentOptions) };
    let summary: string;
    let how = "by the model";
    try {
      const task = data.tasks.at(-1) ?? "";
      summary = (
        await generated.compressHistory({ task, transcript: compress.transcriptOf(older) }, call)
      ).trim();
      if (summary === "") throw new Error("the summary was empty");
    } catch (error) {
      ctx.say(
        `! the model could not summarise (${(error as Error).message.split("\n")[0]}); kept a list of the tool calls instead`,
      );
      summary = compress.fallbackSummary(older);
      how = "as a list of tool calls";
    }
    const history = [
      { role: "user" as const, content: `${compress.SUMMARY_HEADER}\n${summary}` },
      ...pairs.fromUnits(units.slice(older.length)),
    ];
    await sessions.saveSession({ ...data, history, updatedAt: new Date().toISOString() });
    const count = (ms: readonly (typeof history)[number][]) =>
      tokens.defaultCounter.messages(ms).toLocaleString("en-US");
    ctx.say(
      `compacted: ${count(data.history)} → ${count(history)} tokens (${older.length} turns summarised ${how}); the next task continues from the summary`,
    );
  },
};

function isSummary(
  messages: readonly { readonly role: string; readonly content?: string | null }[] | undefined,
  header: string,
): boolean {
  return (
    messages?.length === 1 && messages[0]?.role === "user" && (messages[0].content ?? "").startsWith(header)
  );
}
