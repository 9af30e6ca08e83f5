import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt: "Create a file named square.py that defines a function square(n) returning n * n.",
  language: "python",
  type: "coding",
  oracle: 'python3 "$HIDDEN/test_hidden.py"',
  trajectory: [
    { tool: "write_file", args: { path: "square.py", content: "def square(n):\n    return n * n\n" } },
  ],
  answer: "Created square.py with square(n) returning n * n.",
});
