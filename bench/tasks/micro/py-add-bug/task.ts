import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt: "The test in test_calc.py fails: add(2, 3) returns -1. Fix the bug in calc.py.",
  language: "python",
  type: "debugging",
  oracle: 'python3 "$HIDDEN/test_hidden.py"',
  trajectory: [
    { tool: "read_file", args: { path: "calc.py" }, expect: "any" },
    { tool: "patch", args: { path: "calc.py", old_str: "return a - b", new_str: "return a + b" } },
    { tool: "bash", args: { command: "python3 test_calc.py" } },
  ],
  answer: "Fixed add() in calc.py: it subtracted instead of adding; test_calc.py passes.",
});
