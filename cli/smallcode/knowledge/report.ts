import { MemoryError, withStore } from "../memory/index.ts";
import { formatProblem } from "../tools/untrusted-files.ts";
import { readNotes } from "./notes.ts";
import type { KnowledgeSettings } from "./settings.ts";
import { discoverSkills } from "./skills.ts";

/**
 * What a run in this project would know (for `smallcode doctor`): the note files and their size,
 * the skills found and the problems with others, and each memory store with its number of facts or
 * why it cannot be used.
 */

/** The knowledge report. */
export interface KnowledgeReport {
  readonly notes: readonly { readonly file: string; readonly tokens: number }[];
  readonly skills: readonly { readonly name: string; readonly scope: string; readonly file: string }[];
  readonly problems: readonly string[];
  readonly memory: readonly { readonly store: string; readonly facts?: number; readonly error?: string }[];
}

/** Reads the project's (and the user's) knowledge without changing anything. */
export function knowledgeReport(cwd: string, settings: KnowledgeSettings): KnowledgeReport {
  const notes = readNotes(cwd, settings.userConfigDir);
  const skills = discoverSkills(cwd, settings.userConfigDir);
  const places = { cwd, ...(settings.userDataDir ? { userDataDir: settings.userDataDir } : {}) };
  const memory = (["project", "user"] as const).map((scope) => {
    const store =
      scope === "project" ? ".smallcode/memory.db" : `${settings.userDataDir ?? "(none)"}/memory.db`;
    try {
      const facts = withStore(places, scope, false, (s) => s.count());
      return { store, facts: facts ?? 0 };
    } catch (error) {
      if (!(error instanceof MemoryError)) throw error;
      return { store, error: error.format() };
    }
  });
  return {
    notes: notes.notes.map((n) => ({ file: n.file, tokens: n.tokens })),
    skills: skills.skills.map((s) => ({ name: s.name, scope: s.scope, file: s.shownPath })),
    problems: [...notes.problems, ...skills.problems].map(formatProblem),
    memory,
  };
}

/** The report as doctor's lines. */
export function formatKnowledge(report: KnowledgeReport): string[] {
  const out: string[] = [];
  const notes = report.notes.map((n) => `${n.file} (${n.tokens.toLocaleString("en-US")} tokens)`);
  out.push(`  notes   ${notes.length > 0 ? notes.join(", ") : "(no AGENTS.md or SMALLCODE.md)"}`);
  const skills = report.skills.map((s) => s.name);
  out.push(`  skills  ${skills.length > 0 ? `${skills.length}: ${skills.join(", ")}` : "(none)"}`);
  for (const m of report.memory)
    out.push(`  memory  ${m.store}: ${m.error ?? (m.facts === 0 ? "no facts yet" : `${m.facts} facts`)}`);
  for (const p of report.problems) out.push(`  · ${p}`);
  return out;
}
