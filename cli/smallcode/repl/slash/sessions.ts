import { formatSessions } from "../../sessions/format.ts";
import { listSessions } from "../../sessions/index.ts";
import type { SlashCommand } from "./types.ts";

/** `/sessions`: the project's saved sessions, newest first (resume one with `/resume ID`). */
export const sessions: SlashCommand = {
  name: "sessions",
  usage: "/sessions",
  description: "list the saved sessions (continue one with /resume ID)",
  async run(ctx) {
    const text = formatSessions(await listSessions(ctx.cwd));
    ctx.say(text.replace(/resume one with .*\n$/, "continue one with /resume ID\n"));
  },
};
