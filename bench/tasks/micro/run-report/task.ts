import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt: "Run python3 secret.py and write exactly what it prints into a new file named output.txt.",
  language: "python",
  type: "coding",
  oracle: 'python3 "$HIDDEN/test_hidden.py"',
  trajectory: [
    { tool: "bash", args: { command: "python3 secret.py" } },
    { tool: "write_file", args: { path: "output.txt", content: "4181\n" } },
  ],
  answer: "secret.py prints 4181; written to output.txt.",
});
