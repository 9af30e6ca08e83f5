import { afterAll, describe, expect, test } from "vitest";
import {
  CATEGORY_FALLBACK,
  complexityOf,
  normaliseCategories,
  pickCategories,
  toolsFor,
} from "../../../cli/smallcode/agent/route.ts";
import { serve } from "../../../cli/testkit/make-spec.ts";
import type { ScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { routeCodingRouter, TaskType } from "../../../generated/index.ts";

const calm = { failures: 0, consecutiveFailures: 0 };

describe("complexity", () => {
  test("stays in [0, 1] and on the default tier for a fresh task of any type", () => {
    for (const type of TaskType.options) {
      const c = complexityOf(type, "do it", calm);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(0.6);
      expect(routeCodingRouter(c).name).toBe("DefaultCoder");
    }
  });

  test("long and multi-file tasks are harder", () => {
    const base = complexityOf("coding", "x", calm);
    expect(complexityOf("coding", "x".repeat(500), calm)).toBeGreaterThan(base);
    expect(complexityOf("coding", "touch a.ts, b.ts and c.ts", calm)).toBeGreaterThan(base);
  });

  test("repeated failures escalate to the strong tier", () => {
    expect(
      routeCodingRouter(complexityOf("debugging", "fix it", { failures: 1, consecutiveFailures: 1 })).name,
    ).toBe("DefaultCoder");
    expect(
      routeCodingRouter(complexityOf("debugging", "fix it", { failures: 3, consecutiveFailures: 3 })).name,
    ).toBe("StrongCoder");
    expect(complexityOf("chat", "x", { failures: 100, consecutiveFailures: 0 })).toBe(1);
  });
});

describe("tool categories", () => {
  test("write brings read along; nothing picked means read", () => {
    expect(normaliseCategories(["write"])).toEqual(["read", "write"]);
    expect(normaliseCategories([])).toEqual(["read"]);
    expect(normaliseCategories(["run", "search", "run"])).toEqual(["search", "run"]);
  });

  test("tools of categories, in registry order", () => {
    expect(toolsFor(["read", "run"])).toEqual(["bash", "read_file", "run_tests"]);
    expect(toolsFor(["search"]).sort()).toEqual(["find_files", "search", "search_and_read", "symbols"]);
  });

  test("every task type has a fallback mapping", () => {
    for (const type of TaskType.options) expect(CATEGORY_FALLBACK[type].length).toBeGreaterThan(0);
  });
});

describe("pickCategories", () => {
  let server: ScriptedServer | undefined;
  afterAll(async () => server?.close());

  test("uses the picker's answer", async () => {
    server = await serve(
      { rules: [{ prompt: "pick_tool_categories", replies: [{ content: '["search"]' }] }] },
      { model: "m" },
    );
    expect(await pickCategories("where is x", "search")).toEqual({ categories: ["search"], fallback: false });
  });

  test("falls back to the task type's mapping when the picker fails", async () => {
    await server?.close();
    server = await serve(
      { rules: [{ prompt: "pick_tool_categories", replies: [{ content: "no idea" }] }] },
      { model: "m" },
    );
    const pick = await pickCategories("fix it", "debugging");
    expect(pick.fallback).toBe(true);
    expect(pick.categories).toEqual(["read", "write", "search", "run"]);
  });
});
