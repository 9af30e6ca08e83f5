import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt: "In config.js, change MAX_USERS from 10 to 25.",
  language: "javascript",
  type: "editing",
  oracle: 'node "$HIDDEN/check.mjs"',
  trajectory: [
    {
      tool: "patch",
      args: { path: "config.js", old_str: "const MAX_USERS = 10;", new_str: "const MAX_USERS = 25;" },
    },
  ],
  answer: "MAX_USERS is 25 in config.js.",
});
