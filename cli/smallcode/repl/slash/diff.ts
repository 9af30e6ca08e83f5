import { colorDiff } from "../diff-view.ts";
import { inert } from "../stream-filter.ts";
import type { SlashCommand } from "./types.ts";

/** `/diff`: every change this session's edits made, against each file's text before its first edit. */
export const diff: SlashCommand = {
  name: "diff",
  usage: "/diff",
  description: "show what this session changed (a unified diff)",
  run(ctx) {
    const all = ctx.diffs.sessionDiff();
    ctx.say(all === "" ? "no changes in this session" : colorDiff(inert(all), ctx.color));
  },
};
