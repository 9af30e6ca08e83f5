import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt: "Make the script hello.sh executable so that ./hello.sh runs.",
  language: "shell",
  type: "editing",
  oracle: 'bash -c \'test -x hello.sh && [ "$(./hello.sh)" = "hello from micro" ]\'',
  trajectory: [{ tool: "bash", args: { command: "chmod +x hello.sh && ./hello.sh" } }],
  answer: "hello.sh is executable now; ./hello.sh prints hello from micro.",
});
