import { currentStep, readTodo } from "../../planning/todo.ts";
import { inert } from "../stream-filter.ts";
import type { SlashCommand } from "./types.ts";

const MARKS = { done: "✓", failing: "✗", todo: "·" } as const;

/** `/plan` (also `/todo`): the task's plan from `.smallcode/TODO.md`, each step with its state. */
export const plan: SlashCommand = {
  name: "plan",
  aliases: ["todo"],
  usage: "/plan",
  description: "show the plan (.smallcode/TODO.md) and each step's state (also /todo)",
  run(ctx) {
    const steps = readTodo(ctx.cwd);
    if (steps.length === 0) {
      ctx.say("no plan: the model writes one with the todo tool for tasks of several steps");
      return;
    }
    const current = currentStep(steps);
    const done = steps.filter((s) => s.status === "done").length;
    const lines = steps.map(
      (s) =>
        `  ${MARKS[s.status]} ${s.n}. ${inert(s.text)}${s === current ? "  ← current" : ""}${s.status === "failing" ? " (checks failing)" : ""}${s.attempts > 0 ? ` · ${s.attempts} failed validations` : ""}`,
    );
    ctx.say([`plan: ${done} of ${steps.length} steps done`, ...lines].join("\n"));
  },
};
