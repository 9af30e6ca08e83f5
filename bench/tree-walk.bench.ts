/**
 * Tree walk benchmark (`node bench/tree-walk.bench.ts [FILES] [ROUNDS]`): prints figures, asserts nothing.
 *
 * What a shell call costs besides its command: the walks of the project that find what it changed
 * (for the run's result and for the snapshot that `/undo` restores). Generates a project of FILES files
 * (default 5,000: nine in ten in source folders of 100, one in ten in an ignored `dist/`), then runs the
 * real agent in this process against the scripted server (cli/testkit), sandbox off: ROUNDS replies
 * (default 6) of 8 `bash` calls, each writing one new file. A call's time is from its `tool_start` to
 * its `tool_end` event: the guards' check before it (the snapshot guard's walk), the command, and the
 * walks after it; wall time, and this process's CPU time (the walks, not the command's own process,
 * and much less disturbed by other work on the machine). The first call is shown apart (the snapshot
 * guard hashes and stores every file once).
 * Twice: with the built-in guards (the snapshot guard walks, and the loop reads its change report from
 * the same walks) and without them (the loop walks by itself: the control).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SmallCode } from "../cli/smallcode/api.ts";
import { serve } from "../cli/testkit/make-spec.ts";
import type { Script } from "../cli/testkit/scripted-server.ts";

const FILES = Number(process.argv[2] ?? 5000);
const ROUNDS = Number(process.argv[3] ?? 6);
const PER_REPLY = 8;

/** Writes the project; returns its root. */
function generate(files: number): string {
  const root = mkdtempSync(join(tmpdir(), "smallcode-tree-walk-bench-"));
  writeFileSync(join(root, ".gitignore"), "dist/\n");
  for (let i = 1; i < files; i++) {
    const dir =
      i % 10 === 0
        ? join(root, "dist", `chunk${Math.floor(i / 1000)}`)
        : join(root, "src", `pkg${Math.floor(i / 100)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `m${i}.js`), `export const v${i} = ${i};\n`);
  }
  return root;
}

/** ROUNDS replies of bash calls that each write a new file, then an answer. */
function script(): Script {
  const replies = Array.from({ length: ROUNDS }, (_, r) => ({
    toolCalls: Array.from({ length: PER_REPLY }, (_, c) => ({
      name: "bash",
      arguments: { command: `echo ${r}-${c} > src/new/f-${r}-${c}.txt` },
    })),
  }));
  return {
    models: ["scripted-model"],
    rules: [
      { prompt: "classify_task_type", replies: [{ content: "coding" }] },
      { prompt: "pick_tool_categories", replies: [{ content: '["read", "write", "run"]' }] },
      { prompt: "act", replies: [...replies, { content: "Done." }] },
    ],
  };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** This process's CPU time so far, ms. */
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** One run: each call's wall and CPU milliseconds, in order, and how many files the run reported created. */
async function measure(
  root: string,
  url: string,
  guards: boolean,
): Promise<{ calls: number[]; cpus: number[]; created: number }> {
  const started = new Map<string, [number, number]>();
  const calls: number[] = [];
  const cpus: number[] = [];
  const agent = new SmallCode(
    {
      cwd: root,
      baseUrl: url,
      model: "scripted-model",
      maxSteps: ROUNDS + 5,
      shell: { sandbox: false },
      onEvent: (e) => {
        if (e.type === "tool_start") started.set(e.id, [performance.now(), cpu()]);
        else if (e.type === "tool_end") {
          const [wall, used] = started.get(e.id)!;
          calls.push(performance.now() - wall);
          cpus.push(cpu() - used);
        }
      },
    },
    { builtinGuards: guards },
  );
  const result = await agent.run("write the new files under src/new");
  return { calls, cpus, created: result.filesCreated.length };
}

const root = generate(FILES);
const server = await serve(script());
console.log(`tree walk benchmark: ${FILES} files, ${ROUNDS * PER_REPLY} bash calls per run (${root})`);
try {
  for (const guards of [true, false]) {
    rmSync(join(root, ".smallcode"), { recursive: true, force: true });
    rmSync(join(root, "src/new"), { recursive: true, force: true });
    mkdirSync(join(root, "src/new"));
    server.setScript(script());
    const { calls, cpus, created } = await measure(root, server.url, guards);
    const rest = calls.slice(1);
    const ms = (x: number) => x.toFixed(1).padStart(5);
    console.log(
      `built-in guards ${guards ? "on: " : "off:"} first call ${calls[0]!.toFixed(0).padStart(4)} ms (CPU ${cpus[0]!.toFixed(0)}); ` +
        `the other ${rest.length}: median ${ms(median(rest))} ms (min ${ms(Math.min(...rest))}), ` +
        `CPU median ${ms(median(cpus.slice(1)))} ms; ${created} files reported created`,
    );
  }
} finally {
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
