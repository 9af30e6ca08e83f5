import { defineTask } from "../../../harness/task.ts";

export default defineTask({
  prompt: "In area.py, rename the variable w to width everywhere in the file. Do not change anything else.",
  language: "python",
  type: "refactor",
  oracle: 'python3 "$HIDDEN/test_hidden.py"',
  trajectory: [
    {
      tool: "write_file",
      args: {
        path: "area.py",
        content: "def area(width, h):\n    return width * h\n\n\nprint(area(3, 4))\n",
      },
    },
    { tool: "bash", args: { command: "python3 area.py" } },
  ],
  answer: "Renamed w to width in area.py; it still prints 12.",
});
