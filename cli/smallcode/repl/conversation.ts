/**
 * The size of the conversation the next task sends: the saved session's history, counted as the
 * agent counts it when it fits the history into the window (`context/tokens.ts`).
 */

/** Tokens of session `id`'s history (0 without a session; undefined when it cannot be read). */
export async function conversationTokens(cwd: string, id: string | undefined): Promise<number | undefined> {
  if (id === undefined) return 0;
  try {
    const [{ loadSession }, { defaultCounter }] = await Promise.all([
      import("../sessions/index.ts"),
      import("../context/tokens.ts"),
    ]);
    return defaultCounter.messages((await loadSession(cwd, id)).history);
  } catch {
    return undefined;
  }
}
