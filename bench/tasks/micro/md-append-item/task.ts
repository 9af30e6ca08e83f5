import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt: "Append the item Milk to the end of the Markdown list in shopping.md.",
  language: "markdown",
  type: "editing",
  oracle: 'node "$HIDDEN/check.mjs"',
  trajectory: [
    { tool: "read_file", args: { path: "shopping.md" }, expect: "any" },
    { tool: "patch", args: { path: "shopping.md", old_str: "- Bread\n", new_str: "- Bread\n- Milk\n" } },
  ],
  answer: "Added - Milk at the end of the list in shopping.md.",
});
