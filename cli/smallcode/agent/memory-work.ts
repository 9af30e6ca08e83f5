import type { ToolOutcomeRecord } from "../contract/index.ts";
import { factById, factLine, MemoryError } from "../memory/index.ts";
import { memoryAction, placesOf } from "../memory/tool.ts";
import type { Run } from "./state.ts";

/**
 * The run's work on project memory, as evidence for the verdict: a task such as "remember that this
 * project uses pnpm" changes no file, but a successful `memory` remember or forget is real work that
 * can be checked. Each claimed call is checked against the store now (the fact is there, or gone), so
 * a tool result alone proves nothing; a fact remembered and then forgotten in the same run counts as
 * the forget only.
 */

/** A fact id in a `memory` tool result: `remembered as p1 (…)`, `already remembered as p1; …`, `forgot p1 […]`. */
const REMEMBERED = /\bremembered as ([pu]\d{1,12})\b/;
const FORGOT = /^forgot ([pu]\d{1,12})\b/;

/** One checked piece of memory work. */
export interface MemoryWork {
  readonly action: "remember" | "forget";
  readonly id: string;
  /** `remembered p1 [convention] Use pnpm` or `forgot p1 [convention] Use pnpm`. */
  readonly text: string;
}

function claimed(
  o: ToolOutcomeRecord,
): { action: "remember" | "forget"; id: string; line: string } | undefined {
  if (o.call.name !== "memory" || !o.ok) return undefined;
  const action = memoryAction(o.call.arguments.action);
  if (action === "remember") {
    const id = REMEMBERED.exec(o.output)?.[1];
    return id ? { action, id, line: "" } : undefined;
  }
  if (action === "forget") {
    const id = FORGOT.exec(o.output)?.[1];
    return id ? { action, id, line: o.output.slice("forgot ".length).split("\n")[0] ?? id } : undefined;
  }
  return undefined;
}

/**
 * The memory work of the run that the store confirms, oldest first (one entry per fact id, the last
 * action on it). Never throws: a store that cannot be read confirms nothing.
 */
export function memoryWork(run: Run): MemoryWork[] {
  const last = new Map<string, { action: "remember" | "forget"; line: string }>();
  for (const o of run.outcomes) {
    const c = claimed(o);
    if (!c) continue;
    last.delete(c.id);
    last.set(c.id, { action: c.action, line: c.line });
  }
  const places = placesOf(run.tools);
  const work: MemoryWork[] = [];
  for (const [id, c] of last) {
    let fact: ReturnType<typeof factById>;
    try {
      fact = factById(places, id);
    } catch (error) {
      if (error instanceof MemoryError) continue;
      throw error;
    }
    if (c.action === "remember" && fact)
      work.push({ action: c.action, id, text: `remembered ${factLine(fact)}` });
    if (c.action === "forget" && !fact) work.push({ action: c.action, id, text: `forgot ${c.line || id}` });
  }
  return work;
}
