import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt:
    "Add a second-level heading ## License at the end of README.md, followed by a line with the text MIT.",
  language: "markdown",
  type: "editing",
  oracle: 'node "$HIDDEN/check.mjs"',
  trajectory: [
    { tool: "read_file", args: { path: "README.md" }, expect: "any" },
    {
      tool: "patch",
      args: {
        path: "README.md",
        old_str: "Run it with `node app.js`.\n",
        new_str: "Run it with `node app.js`.\n\n## License\n\nMIT\n",
      },
    },
  ],
  answer: "Added ## License with MIT at the end of README.md.",
});
