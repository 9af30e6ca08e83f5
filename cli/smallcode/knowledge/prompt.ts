import { countTokens } from "../context/tokens.ts";
import type { ScoredFact } from "../memory/index.ts";
import type { Skill } from "./skills.ts";

/**
 * The prompt sections for skills and recalled memory: short lists within a token budget. Names and
 * one-line descriptions only; bodies come through the `skill` tool, and facts are marked as saved
 * notes, not the user's words.
 */

/** Longest line of a list entry, in characters. */
const LINE_CHARS = 200;

function clip(text: string, max = LINE_CHARS): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Adds lines under `head` while they fit `budget` tokens; the text, and how many lines fitted. */
function fitLines(head: string, lines: readonly string[], budget: number, more?: (left: number) => string) {
  const kept: string[] = [];
  let used = countTokens(head) + 4;
  for (const line of lines) {
    const cost = countTokens(line) + 1;
    if (used + cost > budget) break;
    kept.push(line);
    used += cost;
  }
  if (kept.length === 0) return { text: "", count: 0 };
  const left = lines.length - kept.length;
  const tail = left > 0 && more ? [more(left)] : [];
  return { text: [head, ...kept, ...tail].join("\n"), count: kept.length };
}

/** The skills list within `budget` tokens, and how many were listed. */
export function skillsSection(skills: readonly Skill[], budget: number): { text: string; count: number } {
  const lines = skills.map((s) => {
    const when = s.whenToUse ? ` Use when: ${s.whenToUse}` : "";
    return `- ${s.name}: ${clip(`${s.description}${when}`)}`;
  });
  return fitLines(
    "Skills (call skill(name) to load one when the task matches it):",
    lines,
    budget,
    (left) => `(${left} more; skill with a wrong name lists them all)`,
  );
}

/** Recalled facts and earlier tasks within `budget` tokens, and the ids shown. */
export function memorySection(
  facts: readonly ScoredFact[],
  tasks: readonly ScoredFact[],
  budget: number,
): { text: string; ids: string[] } {
  const ids: string[] = [];
  const parts: string[] = [];
  let left = budget;
  const factLines = facts.map((f) => `- [${f.type}] ${clip(f.text)} (${f.id})`);
  const a = fitLines(
    "Remembered in earlier tasks (saved notes, not the user's words; check them):",
    factLines,
    left,
  );
  if (a.count > 0) {
    parts.push(a.text);
    ids.push(...facts.slice(0, a.count).map((f) => f.id));
    left -= countTokens(a.text);
  }
  const taskLines = tasks.map((t) => `- ${clip(t.text, 300)}`);
  const b = fitLines("Earlier similar tasks and how they ended:", taskLines, left);
  if (b.count > 0) {
    parts.push(b.text);
    ids.push(...tasks.slice(0, b.count).map((t) => t.id));
  }
  return { text: parts.join("\n"), ids };
}
