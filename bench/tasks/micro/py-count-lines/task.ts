import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt: "Count the lines of data.csv (header included) and write the number into count.txt.",
  language: "python",
  type: "coding",
  oracle: "python3 -c \"import sys; sys.exit(0 if open('count.txt').read().strip() == '6' else 1)\"",
  trajectory: [
    { tool: "bash", args: { command: "wc -l < data.csv" } },
    { tool: "write_file", args: { path: "count.txt", content: "6\n" } },
  ],
  answer: "data.csv has 6 lines; written to count.txt.",
});
