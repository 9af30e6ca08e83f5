import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { expect } from "vitest";
import { main } from "../../../cli/marrowc/main.ts";
import type { Io } from "../../../cli/shared/io.ts";
import { StringWriter } from "../../../cli/shared/io.ts";

/** The result of running `marrowc` in-process. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const made: string[] = [];

/** A temporary project directory holding `files` (path → text). */
export function project(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), "marrowc-test-"));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) writeFile(dir, path, text);
  return dir;
}

/** Writes a file under `dir`, creating directories. */
export function writeFile(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** Reads a file under `dir`. */
export function readFile(dir: string, path: string): string {
  return readFileSync(join(dir, path), "utf8");
}

/** Every file under `dir/sub` (path relative to `dir` → content), sorted; empty when it does not exist. */
export function tree(dir: string, sub: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = readFileSync(full, "utf8");
    }
  };
  try {
    walk(join(dir, sub));
  } catch {
    return {};
  }
  return out;
}

/** The generated tree a build without the cache writes for `files`. */
export async function cleanTree(files: Readonly<Record<string, string>>): Promise<Record<string, string>> {
  const dir = project(files);
  expect((await run(dir, ["build", "--no-cache"])).code).toBe(0);
  return tree(dir, "generated");
}

/** Removes the temporary projects (call from afterAll). */
export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs `marrowc argv` in-process in `cwd`. */
export async function run(
  cwd: string,
  argv: readonly string[],
  extra: { env?: Record<string, string>; signal?: AbortSignal; stdout?: Io["stdout"] } = {},
): Promise<RunResult> {
  const stdout = new StringWriter();
  const stderr = new StringWriter();
  const io: Io = {
    cwd,
    env: { ...extra.env },
    stdout: extra.stdout ?? stdout,
    stderr,
    ...(extra.signal ? { signal: extra.signal } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A small valid project: a model, an enum and a classifier prompt. */
export const VALID = `system Demo {
  model Tiny {
    provider: openai_compat
    endpoint: "\${SMALLCODE_BASE_URL}"
    name: "\${SMALLCODE_MODEL}"
    max_output: 16
  }

  enum Mood { happy, sad }

  prompt classify_mood(text: string) {
    model: Tiny
    template: """
      Text: {{text}}
      Answer with one word from: {{#each categories}}{{this}} {{/each}}
    """
    returns: Mood
  }

  evaluation mood_accuracy {
    prompt: classify_mood
    cases: [
      { input: { text: "I love it" }, expect: "happy" },
      { input: { text: "I hate it" }, expect: "sad" }
    ]
    metric: exact
    baseline: 0.5
  }
}
`;

/** The same project with a misspelt template variable (one error). */
export const INVALID = VALID.replace("Text: {{text}}", "Text: {{txt}}");

/**
 * Runs cli/marrowc/bin.js in a fresh process from the repository root; its stderr ends with the
 * `[loads] typescript=… ts-morph=… marrowc=dist|source` report of bench/compile-loads.mjs.
 */
export function runBin(args: readonly string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync(
    process.execPath,
    ["--import", "./bench/compile-loads.mjs", "cli/marrowc/bin.js", ...args],
    {
      encoding: "utf8",
      env: { ...process.env, ...env },
    },
  );
}
