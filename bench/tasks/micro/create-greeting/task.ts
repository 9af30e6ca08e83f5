import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt: "Create a file named greeting.txt containing exactly the text: Hello, micro!",
  language: "text",
  type: "coding",
  oracle:
    "python3 -c \"import sys; sys.exit(0 if open('greeting.txt').read().strip() == 'Hello, micro!' else 1)\"",
  trajectory: [{ tool: "write_file", args: { path: "greeting.txt", content: "Hello, micro!\n" } }],
  answer: "Created greeting.txt with the text Hello, micro!",
});
