import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { listTraces, pickTrace, readSpans, traceTree } from "../trace-view.ts";
import type { SlashCommand } from "./types.ts";

/**
 * `/trace` lists the recorded runs; `/trace show ID` prints one as a tree of prompts, attempts and
 * tool calls; `/trace export ID` writes its spans as JSONL under `.smallcode/exports/`.
 */
export const trace: SlashCommand = {
  name: "trace",
  usage: "/trace [show|export ID]",
  description: "list the recorded runs; show one as a tree, or export it as JSONL",
  takesArgument: true,
  run(ctx, arg) {
    const spans = readSpans(ctx.traceDir);
    const [verb = "", id = "", ...rest] = arg.split(/\s+/).filter((w) => w !== "");
    if (verb === "") {
      ctx.say(listTraces(spans));
      return;
    }
    if ((verb !== "show" && verb !== "export") || id === "" || rest.length > 0) {
      ctx.say("usage: /trace, /trace show ID, /trace export ID");
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
    const dir = join(ctx.cwd, ".smallcode", "exports");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `trace-${picked[0]?.trace_id.replace(/[^0-9a-zA-Z_-]/g, "")}.jsonl`);
    writeFileSync(file, `${picked.map((s) => JSON.stringify(s)).join("\n")}\n`);
    ctx.say(`${picked.length} spans written to ${file}`);
  },
};
