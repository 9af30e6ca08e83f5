import { listSessions, sessionExists, sessionsDir } from "../sessions/index.ts";

/** `/resume ID` in the interactive session: the id is checked when typed, not when the next task starts. */

/** Sessions named in the message at most, newest first. */
const SHOWN = 5;

/**
 * Why `/resume id` cannot be accepted, or undefined when the session exists. The message says how
 * to see the saved sessions and names the newest ones.
 */
export async function resumeProblem(cwd: string, id: string): Promise<string | undefined> {
  if (await sessionExists(cwd, id)) return undefined;
  const saved = await listSessions(cwd);
  const newest = saved.slice(0, SHOWN).map((s) => s.id);
  const known =
    newest.length === 0
      ? "there are none yet"
      : `newest: ${newest.join(", ")}${saved.length > SHOWN ? ", …" : ""}`;
  return `no saved session \`${id}\` in ${sessionsDir(cwd)}; \`smallcode sessions\` lists them (${known}). The next task goes on as before.`;
}
