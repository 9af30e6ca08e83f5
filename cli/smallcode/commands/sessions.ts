import type { ParsedArgs } from "../args.ts";
import { findProjectRoot } from "../config/project-root.ts";
import type { Io } from "../io.ts";
import { formatSessions } from "../sessions/format.ts";
import { listSessions } from "../sessions/index.ts";

/** `smallcode sessions`: the sessions saved in `.smallcode/sessions/` of the project, newest first. */

type SessionsArgs = Extract<ParsedArgs, { command: "sessions" }>;

export { formatSessions } from "../sessions/format.ts";

/** Lists the saved sessions. */
export async function sessionsCommand(args: SessionsArgs, io: Io): Promise<number> {
  const sessions = await listSessions(findProjectRoot(io.cwd, args.flags.cwd).dir);
  io.stdout.write(args.json ? `${JSON.stringify(sessions, null, 2)}\n` : formatSessions(sessions));
  return 0;
}
