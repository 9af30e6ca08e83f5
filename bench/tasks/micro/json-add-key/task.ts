import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt: 'Add a key "version" with the string value "1.0.0" to package.json. Keep the other keys.',
  language: "json",
  type: "editing",
  oracle: 'node "$HIDDEN/check.mjs"',
  trajectory: [
    { tool: "read_file", args: { path: "package.json" }, expect: "any" },
    {
      tool: "patch",
      args: {
        path: "package.json",
        old_str: '  "name": "micro-app",',
        new_str: '  "name": "micro-app",\n  "version": "1.0.0",',
      },
    },
  ],
  answer: 'package.json now has "version": "1.0.0".',
});
