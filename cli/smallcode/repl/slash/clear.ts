import type { SlashCommand } from "./types.ts";

/** `/clear`: a new conversation (the next task does not continue this one), same settings. */
export const clear: SlashCommand = {
  name: "clear",
  usage: "/clear",
  description: "start a new conversation with the same settings",
  run(ctx) {
    ctx.clear();
    ctx.say("new conversation: the next task starts afresh (the files stay as they are; /undo still works)");
  },
};
