import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt:
    "node test.js fails because isAdult(18) returns false. Fix the comparison in age.js so that 18 counts as adult.",
  language: "javascript",
  type: "debugging",
  oracle: 'node "$HIDDEN/check.mjs"',
  trajectory: [
    { tool: "read_file", args: { path: "age.js" }, expect: "any" },
    { tool: "patch", args: { path: "age.js", old_str: "age > 18", new_str: "age >= 18" } },
    { tool: "bash", args: { command: "node test.js" } },
  ],
  answer: "Changed age > 18 to age >= 18 in age.js; node test.js passes.",
});
