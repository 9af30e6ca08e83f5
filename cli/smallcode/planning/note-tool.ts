import { type NoteArgs, noteParams } from "../../../generated/index.ts";
import type { Tool } from "../tools/tool.ts";
import { addNote } from "./notes.ts";
import { planningSettings } from "./settings.ts";

/** Arguments of `note`, as declared in marrow/tools.marrow. */
export type { NoteArgs } from "../../../generated/index.ts";

/** `note(text)`: adds a line to the scratchpad (`.smallcode/notes.md`), shown to the model every turn. */
export const noteTool: Tool<NoteArgs> = {
  name: "note",
  params: noteParams,
  async run(args, ctx) {
    const n = await addNote(ctx.cwd, args.text, planningSettings(ctx.cwd).thresholds.maxNotes);
    return { ok: true, output: `noted (${n} ${n === 1 ? "note" : "notes"} in your scratchpad)` };
  },
};
