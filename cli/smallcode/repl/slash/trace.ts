import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { replayTest } from "../trace-replay.ts";
import { listTraces, pickTrace, readSpans, traceTree } from "../trace-view.ts";
import type { SlashCommand } from "./types.ts";

/**
 * `/trace` lists the recorded runs; `/trace show ID` prints one as a tree of prompts, attempts and
 * tool calls; `/trace export ID` writes its spans as JSONL under `.smallcode/exports/`; `/trace test
 * ID` writes a vitest regression test replaying it (`../trace-replay.ts`) under `test/regression/`.
 */
export const trace: SlashCommand = {
  name: "trace",
  usage: "/trace [show|export|test ID]",
  description: "list the recorded runs; show one as a tree, export it as JSONL, or write a replay test",
  takesArgument: true,
  run(ctx, arg) {
    const spans = readSpans(ctx.traceDir);
    const [verb = "", id = "", ...rest] = arg.split(/\s+/).filter((w) => w !== "");
    if (verb === "") {
      ctx.say(listTraces(spans));
      return;
    }
    if ((verb !== "show" && verb !== "export" && verb !== "test") || id === "" || rest.length > 0) {
      ctx.say("usage: /trace, /trace show ID, /trace export ID, /trace test ID");
      return;
    }
    const picked = pickTrace(spans, id);
    if (typeof picked === "string") {
      ctx.say(picked);
      return;
    }
    if (verb === "show") {
      ctx.say(traceTree(picked));
      return;
    }
    const traceId = picked[0]?.trace_id.replace(/[^0-9a-zA-Z_-]/g, "") ?? "";
    if (verb === "test") {
      const file = join(ctx.cwd, "test", "regression", `trace-${traceId.slice(0, 12)}.test.ts`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, replayTest(picked, file));
      ctx.say(`regression test written to ${file} (run it with npx vitest run ${file})`);
      return;
    }
    const dir = join(ctx.cwd, ".smallcode", "exports");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `trace-${traceId}.jsonl`);
    writeFileSync(file, `${picked.map((s) => JSON.stringify(s)).join("\n")}\n`);
    ctx.say(`${picked.length} spans written to ${file}`);
  },
};
