import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt: "Fix the spelling mistake in notes.txt: the word recieve should be receive.",
  language: "text",
  type: "editing",
  oracle:
    "python3 -c \"s = open('notes.txt').read(); import sys; sys.exit(0 if 'receive' in s and 'recieve' not in s and s.startswith('Notes') and 'Call Bob' in s else 1)\"",
  trajectory: [{ tool: "patch", args: { path: "notes.txt", old_str: "recieve", new_str: "receive" } }],
  answer: "Fixed recieve → receive in notes.txt.",
});
