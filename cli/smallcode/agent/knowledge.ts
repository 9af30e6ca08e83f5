import { measureFixedPrompt } from "../context/prompt-size.ts";
import { countTokens } from "../context/tokens.ts";
import type { RunResult } from "../contract/index.ts";
import { notesSection, readNotes } from "../knowledge/notes.ts";
import { memorySection, skillsSection } from "../knowledge/prompt.ts";
import type { KnowledgeSettings } from "../knowledge/settings.ts";
import { discoverSkills } from "../knowledge/skills.ts";
import { FACT_TYPES, listFacts, MemoryError, recall, remember, type ScoredFact } from "../memory/index.ts";
import { terms } from "../memory/rank.ts";
import { placesOf } from "../memory/tool.ts";
import { formatProblem, type KnowledgeProblem } from "../tools/untrusted-files.ts";
import { FIRST_REQUEST_TOKENS } from "./route.ts";
import type { Run } from "./state.ts";

/**
 * What a run knows before its first turn: the knowledge notes (AGENTS.md, SMALLCODE.md), the skills
 * list, and the facts and earlier tasks recalled from memory — one system-prompt section within a
 * budget that keeps the first request under {@link FIRST_REQUEST_TOKENS}; plus the `skill` and
 * `memory` tools when they have something to offer. At the end, the run's outcome is remembered as
 * evidence for similar tasks.
 */

/** Most tokens each part may take (less when the first request has less room). */
export const KNOWLEDGE_CAPS = { notes: 600, skills: 300, memory: 200 } as const;

/** What the guards may add to the first request (their tools and notes), reserved before knowledge. */
const GUARD_TOOLS = ["todo", "note", "done_when"];
const GUARD_NOTES = 300;

/** Facts and earlier tasks recalled at most. */
const FACTS = 3;
const TASKS = 2;

/** The knowledge of one run, for the system prompt. */
export interface RunKnowledge {
  /** The prompt section (empty: nothing to say). */
  readonly text: string;
  readonly tokens: number;
  /** Tools offered with it (`skill`, `memory`), already in `run.routed`. */
  readonly tools: readonly string[];
}

/** The settings of a run (absent: the project's knowledge only, everything on). */
function settingsOf(run: Run): KnowledgeSettings {
  return run.tools.knowledge ?? {};
}

/** Room left for knowledge in the first request, and each part's share of it. */
function budgets(run: Run, tools: readonly string[]) {
  const fixed = measureFixedPrompt([...run.routed, ...GUARD_TOOLS, ...tools], { task: run.task }).total;
  const room = Math.max(0, FIRST_REQUEST_TOKENS - 100 - fixed - GUARD_NOTES);
  const total = KNOWLEDGE_CAPS.notes + KNOWLEDGE_CAPS.skills + KNOWLEDGE_CAPS.memory;
  const scale = Math.min(1, room / total);
  return {
    notes: Math.floor(KNOWLEDGE_CAPS.notes * scale),
    skills: Math.floor(KNOWLEDGE_CAPS.skills * scale),
    memory: Math.floor(KNOWLEDGE_CAPS.memory * scale),
  };
}

/** Facts recalled for the task (best matches, then the newest conventions), and earlier similar tasks. */
function recalled(run: Run): { facts: ScoredFact[]; tasks: ScoredFact[]; errors: MemoryError[] } {
  const places = placesOf(run.tools);
  const found = recall(places, run.task, FACTS, { types: [...FACT_TYPES] });
  const facts = [...found.items];
  if (facts.length < FACTS) {
    const newest = listFacts(places, FACTS, ["convention", "gotcha"]);
    for (const f of newest.items)
      if (facts.length < FACTS && !facts.some((x) => x.id === f.id))
        facts.push({ ...f, score: 0, shared: 0 });
  }
  const words = terms(run.task).length;
  const need = Math.max(2, Math.ceil(words * 0.4));
  const earlier = recall(places, run.task, TASKS * 3, { types: ["task"] });
  const tasks = earlier.items.filter((t) => t.shared >= Math.min(need, words)).slice(0, TASKS);
  const errors = [...found.errors, ...earlier.errors];
  return {
    facts,
    tasks,
    errors: errors.filter((e, i) => errors.findIndex((x) => x.where === e.where) === i),
  };
}

/**
 * Reads the run's knowledge and says what went in (a `knowledge` notice, and one per problem found).
 * Never throws: a broken memory store or skill file is a notice, and the run goes on without it.
 */
export function prepareKnowledge(run: Run): RunKnowledge {
  try {
    return gather(run);
  } catch (error) {
    run.routed = run.routed.filter((t) => t !== "skill");
    const message = `skills, notes and memory could not be read (${(error as Error).message}); the run goes on without them`;
    run.emit({ type: "notice", source: "knowledge", message });
    return { text: "", tokens: 0, tools: [] };
  }
}

function gather(run: Run): RunKnowledge {
  const settings = settingsOf(run);
  const notice = (source: string, message: string) => run.emit({ type: "notice", source, message });
  const problems: KnowledgeProblem[] = [];
  const skills = settings.skills === false ? [] : discoverSkillsOf(run, settings, problems);
  // `skill` whenever a skill exists; `memory` when routing chose the memory category (and it is on)
  const routedMemory = run.routed.includes("memory") && settings.memory !== false;
  run.routed = run.routed.filter((t) => t !== "skill" && t !== "memory");
  const tools = [...(skills.length > 0 ? ["skill"] : []), ...(routedMemory ? ["memory"] : [])];
  run.routed.push(...tools);
  const caps = budgets(run, tools);
  const parts: string[] = [];
  const said: string[] = [];
  if (settings.notes !== false) {
    const found = readNotes(run.cwd, settings.userConfigDir);
    problems.push(...found.problems);
    const section = notesSection(found.notes, caps.notes);
    if (section.text) parts.push(section.text);
    for (const n of section.injected)
      said.push(
        `${n.file} (${n.cut ? `${n.tokens} of ${n.of.toLocaleString("en-US")} tokens, cut` : `${n.tokens} tokens`})`,
      );
  }
  if (skills.length > 0) {
    const section = skillsSection(skills, caps.skills);
    if (section.text) parts.push(section.text);
    said.push(`${section.count} of ${skills.length} skills listed`);
  }
  if (settings.memory !== false) {
    const memory = recalled(run);
    for (const e of memory.errors) notice("memory", `${e.format()}; the run goes on without it`);
    const section = memorySection(memory.facts, memory.tasks, caps.memory);
    if (section.text) {
      parts.push(section.text);
      said.push(`memory ${section.ids.join(", ")}`);
    }
  }
  for (const p of problems.slice(0, 5)) notice("knowledge", formatProblem(p));
  if (problems.length > 5)
    notice("knowledge", `${problems.length - 5} more problems with skills and notes (see /skills)`);
  const text = parts.join("\n\n");
  const tokens = countTokens(text);
  if (said.length > 0) notice("knowledge", `in the prompt (${tokens} tokens): ${said.join("; ")}`);
  // the same in the run's trace (a `knowledge` span under the run), for /trace and later reading
  run.meter.runtime.startSpan({ kind: "knowledge", parentSpan: run.meter.spanId }).end({
    status: problems.length > 0 ? "warning" : "ok",
    output: said.join("; "),
    tokens,
    tools,
    issues: problems.map(formatProblem),
  });
  return { text, tokens, tools };
}

function discoverSkillsOf(run: Run, settings: KnowledgeSettings, problems: KnowledgeProblem[]) {
  const found = discoverSkills(run.cwd, settings.userConfigDir);
  problems.push(...found.problems);
  return found.skills;
}

/** One line of evidence about a finished run: the task, how it ended and why, what changed or failed. */
export function outcomeText(task: string, result: RunResult): string {
  const how = result.success ? "succeeded" : `failed (${result.stopReason})`;
  const verdict = result.evidence?.verdict ? `: ${result.evidence.verdict}` : "";
  const failedCalls = new Map<string, number>();
  for (const c of result.toolCalls) if (!c.ok) failedCalls.set(c.name, (failedCalls.get(c.name) ?? 0) + 1);
  const failed = [...failedCalls].map(([n, k]) => `${n} ×${k}`).join(", ");
  const task1 = task.replace(/\s+/g, " ").trim().slice(0, 200);
  return `"${task1}" ${how}${verdict}.${filesText(result)}${failed ? ` Failed calls: ${failed}.` : ""}`;
}

/** What the run did to files, as sentences: ` Changed a. Deleted b. Renamed c to d.` (five paths each at most). */
function filesText(result: RunResult): string {
  const changed = [...result.filesCreated, ...result.filesEdited];
  const deleted = result.filesDeleted ?? [];
  const renamed = (result.filesRenamed ?? []).map((r) => `${r.from} to ${r.to}`);
  const parts: [string, readonly string[]][] = [
    ["Changed", changed],
    ["Deleted", deleted],
    ["Renamed", renamed],
  ];
  return parts
    .filter(([, paths]) => paths.length > 0)
    .map(([what, paths]) => ` ${what} ${paths.slice(0, 5).join(", ")}.`)
    .join("");
}

/**
 * Remembers how the run ended, as a `task` fact in the project's memory, so a similar task later
 * sees what failed and what worked. Cancelled runs are not evidence. A store that cannot be used is
 * a notice.
 */
export function recordOutcome(run: Run, result: RunResult): void {
  if (settingsOf(run).memory === false || result.stopReason === "cancelled") return;
  try {
    remember(placesOf(run.tools), "project", "task", outcomeText(run.task, result));
  } catch (error) {
    const why = error instanceof MemoryError ? error.format() : (error as Error).message;
    run.emit({ type: "notice", source: "memory", message: `the outcome was not remembered: ${why}` });
  }
}
