import { budget } from "./budget.ts";
import { clear } from "./clear.ts";
import { cognition } from "./cognition.ts";
import { compact } from "./compact.ts";
import { diff } from "./diff.ts";
import { evalCommand } from "./eval.ts";
import { memory } from "./memory.ts";
import { plan } from "./plan.ts";
import { sessions } from "./sessions.ts";
import { skills } from "./skills.ts";
import { stats } from "./stats.ts";
import { tokens } from "./tokens.ts";
import { trace } from "./trace.ts";
import type { SlashCommand } from "./types.ts";
import { version } from "./version.ts";

/**
 * The slash commands that work on the session's state, one per file. (`/help`, `/exit`, `/undo`,
 * `/resume`, `/model` and `/mcp` are read by `../commands.ts`, since the session itself answers them.)
 */

export type { CommandContext, SlashCommand } from "./types.ts";

/** The table, in the order `/help` lists them. */
export const COMMAND_TABLE: readonly SlashCommand[] = [
  clear,
  compact,
  diff,
  plan,
  skills,
  memory,
  tokens,
  budget,
  stats,
  trace,
  cognition,
  evalCommand,
  sessions,
  version,
];

/** The command called `name` (or an alias), if any. */
export function findCommand(name: string): SlashCommand | undefined {
  const n = name.toLowerCase();
  return COMMAND_TABLE.find((c) => c.name === n || c.aliases?.includes(n));
}
