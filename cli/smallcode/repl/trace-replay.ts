import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Span } from "./trace-view.ts";

/**
 * `/trace test ID`: a vitest regression test that replays one recorded run through the scripted
 * server. Each prompt's recorded outputs become that prompt's scripted replies, in the order they
 * were made; the test runs `smallcode run` on the recorded task and expects the recorded stop
 * reason. The project's files are not in a trace, so the test runs in an empty folder.
 */

/** One scripted reply, as cli/testkit/scripted-server.ts reads it. */
type Reply = {
  content?: string;
  toolCalls?: { name: string; arguments: string | Readonly<Record<string, unknown>> }[];
};

/** A recorded output as a scripted reply. */
function replyOf(output: unknown): Reply {
  if (typeof output === "string") return { content: output };
  if (output && typeof output === "object" && ("text" in output || "toolCalls" in output)) {
    const o = output as { text?: unknown; toolCalls?: { name?: unknown; arguments?: unknown }[] };
    const calls = (Array.isArray(o.toolCalls) ? o.toolCalls : [])
      .filter((c) => typeof c?.name === "string")
      .map((c) => ({
        name: c.name as string,
        arguments:
          typeof c.arguments === "string" || (c.arguments && typeof c.arguments === "object")
            ? (c.arguments as string | Record<string, unknown>)
            : {},
      }));
    return {
      content: typeof o.text === "string" ? o.text : "",
      ...(calls.length > 0 ? { toolCalls: calls } : {}),
    };
  }
  return { content: JSON.stringify(output ?? "") };
}

/** The scripted server's script for a trace: one rule per prompt, its replies in order. */
export function replayScript(spans: readonly Span[]): {
  rules: { prompt: string; replies: Reply[] }[];
  fallback: Reply;
} {
  const byPrompt = new Map<string, Reply[]>();
  const prompts = spans
    .filter((s) => s.kind === "prompt" && typeof s.prompt === "string")
    .sort((a, b) => String(a.started_at ?? "").localeCompare(String(b.started_at ?? "")));
  for (const s of prompts) {
    const name = s.prompt as string;
    byPrompt.set(name, [...(byPrompt.get(name) ?? []), replyOf(s.output)]);
  }
  return {
    rules: [...byPrompt].map(([prompt, replies]) => ({ prompt, replies })),
    fallback: { content: "ok" },
  };
}

/** SmallCode's own checkout (the scripted server and `main` are imported from it). */
const HOME = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The test file's text, for a file written at `file`. */
export function replayTest(spans: readonly Span[], file: string): string {
  const run = spans.find((s) => s.kind === "agent_run");
  const task = typeof run?.task === "string" ? run.task : "";
  const stop = typeof run?.stop_reason === "string" ? run.stop_reason : undefined;
  const id = spans[0]?.trace_id ?? "";
  const from = (path: string) => {
    const rel = relative(dirname(file), join(HOME, path)).split("\\").join("/");
    return rel.startsWith(".") ? rel : `./${rel}`;
  };
  const script = JSON.stringify({ models: ["replayed-model"], ...replayScript(spans) }, null, 2);
  return `// Regression test written by /trace test ${id}: replays that run's model replies through the
// scripted server. The project's files are not in a trace: the task runs in an empty folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { StringWriter } from "${from("cli/smallcode/io.ts")}";
import { main } from "${from("cli/smallcode/main.ts")}";
import { type ScriptedServer, startScriptedServer } from "${from("cli/testkit/scripted-server.ts")}";

const SCRIPT = ${script.replace(/\n/g, "\n")};

let server: ScriptedServer;
let dir: string;
beforeAll(async () => {
  server = await startScriptedServer(SCRIPT);
  dir = mkdtempSync(join(tmpdir(), "trace-replay-"));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it(${JSON.stringify(`replays trace ${id}`)}, async () => {
  const stdout = new StringWriter();
  const stderr = new StringWriter();
  const env = { HOME: dir, SMALLCODE_TRACE_DIR: "off" };
  const task = ${JSON.stringify(task)};
  await main(["run", task, "--json", "--base-url", server.url, "--model", "replayed-model", "--cwd", dir], { cwd: dir, env, stdout, stderr });
  const result = JSON.parse(stdout.text) as { stopReason: string };
  expect(result.stopReason).toBe(${JSON.stringify(stop ?? "done")});
});
`;
}
