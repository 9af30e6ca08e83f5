import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt: 'In settings.json, change "theme" from "light" to "dark".',
  language: "json",
  type: "editing",
  oracle: 'node "$HIDDEN/check.mjs"',
  trajectory: [
    {
      tool: "patch",
      args: { path: "settings.json", old_str: '"theme": "light"', new_str: '"theme": "dark"' },
    },
  ],
  answer: 'settings.json now has "theme": "dark".',
});
