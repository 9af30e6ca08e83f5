import { describe, expect, test } from "vitest";
import { normaliseCategories, toolsFor } from "../../../cli/smallcode/agent/route.ts";
import {
  allToolNames,
  coreToolNames,
  FIXED_PROMPT_LIMIT,
  measureFixedPrompt,
} from "../../../cli/smallcode/context/index.ts";
import { defaultCoder } from "../../../generated/index.ts";

/** The fixed prompt of a first request (system prompt + tool schemas) must stay under 2,000 tokens. */
describe("fixed prompt size", () => {
  const task = { task: "fix the failing test in math.test.js" };

  test('routing "all": every core tool schema offered', () => {
    const size = measureFixedPrompt(coreToolNames, task, defaultCoder);
    console.log(
      `fixed prompt, routing all: system ${size.system} + tools ${size.tools} = ${size.system + size.tools} tokens (+ task ${size.task})`,
    );
    expect(size.offered).toHaveLength(10);
    expect(size.system + size.tools).toBeLessThan(FIXED_PROMPT_LIMIT);
    expect(size.total).toBeLessThan(FIXED_PROMPT_LIMIT);
  });

  test("every declared tool at once (core tools plus the guards' todo, note, done_when) is under the limit too", () => {
    const size = measureFixedPrompt(allToolNames, task, defaultCoder);
    console.log(
      `fixed prompt, all ${size.offered.length} declared tools: system ${size.system} + tools ${size.tools} = ${size.system + size.tools} tokens`,
    );
    expect(size.system + size.tools).toBeLessThan(FIXED_PROMPT_LIMIT);
  });

  test('routing "two-stage": the largest category pick stays under the limit too', () => {
    const picks = [
      ["read", "write", "run"],
      ["read", "search"],
      ["read", "write", "search", "run"],
    ] as const;
    for (const pick of picks) {
      const size = measureFixedPrompt(toolsFor(normaliseCategories(pick)), task, defaultCoder);
      console.log(
        `fixed prompt, two-stage [${pick.join(", ")}]: system ${size.system} + tools ${size.tools} = ${size.system + size.tools} tokens`,
      );
      expect(size.system + size.tools).toBeLessThan(FIXED_PROMPT_LIMIT);
    }
  });

  test("text tool formats put the schemas into the system message, still under the limit", () => {
    for (const toolFormat of ["hermes", "json", "xml", "pythonic"] as const) {
      const size = measureFixedPrompt(allToolNames, task, { toolFormat });
      expect(size.tools).toBe(0);
      expect(size.system).toBeLessThan(FIXED_PROMPT_LIMIT);
    }
  });

  test("notes count toward the system prompt", () => {
    const base = measureFixedPrompt(["read_file"], task);
    const noted = measureFixedPrompt(["read_file"], { ...task, notes: "n".repeat(400) });
    expect(noted.system - base.system).toBe(100);
  });
});
