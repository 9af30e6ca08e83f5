import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Step } from "../sim/types.ts";

/**
 * Benchmark tasks. Each lives in `bench/tasks/<suite>/<id>/`: `task.ts` (the definition, default export
 * of `defineTask`), `seed/` (the project the agent gets a fresh copy of) and `hidden/` (tests the agent
 * never sees, copied next to the work copy only when the oracle runs, as `$HIDDEN`).
 */

/** The suites, in report order. `micro`: one-step tasks a sub-1B real model can plausibly solve. */
export const SUITES = ["smoke", "polyglot", "tools", "edit", "micro"] as const;
/** A suite name. */
export type Suite = (typeof SUITES)[number];

/** What a `task.ts` declares. */
export interface TaskDefinition {
  /** The instruction given to the agent, verbatim. Must be unique across tasks. */
  readonly prompt: string;
  /** The main language or format, for reports: python, javascript, typescript, shell, json, markdown, makefile, ini, mixed. */
  readonly language: string;
  /** The `TaskType` the classifier should answer. */
  readonly type: "coding" | "editing" | "debugging" | "search" | "explain" | "testing" | "refactor" | "chat";
  /**
   * A bash command run in the work copy after the agent finished; exit status 0 means solved. It must
   * execute something (tests, the program, a parser). `$HIDDEN` is the hidden directory, `$BENCH_LIB`
   * bench/harness/oracle-lib (a Markdown parser and assertion helpers).
   */
  readonly oracle: string;
  /** Oracle timeout in seconds (default 30). */
  readonly oracleTimeoutS?: number;
  /** The tool calls that solve the task. */
  readonly trajectory: readonly Step[];
  /** The final answer after the trajectory. */
  readonly answer: string;
}

/** A loaded task (also what the simulated model knows of it: a `SimTask`). */
export interface Task extends TaskDefinition {
  readonly id: string;
  readonly suite: Suite;
  readonly dir: string;
  readonly seedDir: string;
  /** Absent when the oracle needs no hidden files. */
  readonly hiddenDir: string | undefined;
}

/** Identity function that gives `task.ts` files their type. */
export function defineTask(definition: TaskDefinition): TaskDefinition {
  return definition;
}

/** The directory holding the suites. */
export const TASKS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../tasks");

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Loads one task from its directory. */
export async function loadTask(dir: string, suite: Suite): Promise<Task> {
  const mod = (await import(pathToFileURL(join(dir, "task.ts")).href)) as { default: TaskDefinition };
  const def = mod.default;
  const id = dir.split(/[\\/]/).pop()!;
  const hidden = join(dir, "hidden");
  return {
    ...def,
    id,
    suite,
    dir,
    seedDir: join(dir, "seed"),
    hiddenDir: isDir(hidden) ? hidden : undefined,
  };
}

/** Options of `loadTasks`. */
export interface LoadOptions {
  /** A suite name or `all` (default). */
  readonly suite?: string;
  /** Only these task ids. */
  readonly ids?: readonly string[];
  readonly root?: string;
}

/** Loads the tasks of a suite (or all), sorted by suite then id. Throws on an unknown suite or id. */
export async function loadTasks(options: LoadOptions = {}): Promise<Task[]> {
  const root = options.root ?? TASKS_ROOT;
  const suite = options.suite ?? "all";
  if (suite !== "all" && !(SUITES as readonly string[]).includes(suite))
    throw new Error(`unknown suite \`${suite}\`; suites: ${SUITES.join(", ")}, all`);
  const suites = suite === "all" ? SUITES : [suite as Suite];
  const tasks: Task[] = [];
  for (const s of suites) {
    const sdir = join(root, s);
    if (!isDir(sdir)) continue;
    for (const id of readdirSync(sdir).sort()) {
      const dir = join(sdir, id);
      if (isDir(dir) && existsSync(join(dir, "task.ts"))) tasks.push(await loadTask(dir, s));
    }
  }
  if (options.ids && options.ids.length > 0) {
    const wanted = new Set(options.ids);
    const found = tasks.filter((t) => wanted.has(t.id));
    const missing = [...wanted].filter((id) => !found.some((t) => t.id === id));
    if (missing.length > 0) throw new Error(`unknown task ${missing.map((m) => `\`${m}\``).join(", ")}`);
    return found;
  }
  return tasks;
}

/** The text of a file beside a `task.ts` (`import.meta.url`), e.g. a long `write_file` content in `solution/`. */
export function taskFile(taskUrl: string, relative: string): string {
  return readFileSync(new URL(relative, taskUrl), "utf8");
}
