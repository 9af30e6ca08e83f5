import type { SessionSummary } from "./store.ts";

/** The listing of saved sessions as text (`smallcode sessions`, `/sessions`). */

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** The listing as text: id, last update, steps, how it ended, and the latest task. Pure. */
export function formatSessions(sessions: readonly SessionSummary[]): string {
  if (sessions.length === 0) return "no saved sessions in .smallcode/sessions/\n";
  const lines = sessions.map((s) => {
    const when = s.updatedAt.replace("T", " ").replace(/\.\d+Z$|Z$/, "");
    const end = s.stopReason ?? "unfinished";
    return `${s.id}  ${when}  ${String(s.steps).padStart(3)} steps  ${end.padEnd(10)}  ${clip(s.task, 60)}`;
  });
  return `${lines.join("\n")}\nresume one with \`smallcode --resume ID\` or \`smallcode run --resume ID "<task>"\`\n`;
}
