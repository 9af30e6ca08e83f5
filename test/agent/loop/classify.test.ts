import { afterAll, describe, expect, test } from "vitest";
import { asksForChanges, classifyTask, fallbackTaskType } from "../../../cli/smallcode/agent/classify.ts";
import { serve } from "../../../cli/testkit/make-spec.ts";
import type { ScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { classifyAccuracyEvaluation } from "../../../generated/index.ts";

describe("fallbackTaskType (keyword rules)", () => {
  test("passes the classifier's own evaluation cases", () => {
    for (const c of classifyAccuracyEvaluation.cases)
      expect(fallbackTaskType(String(c.input.user_message)), String(c.input.user_message)).toBe(c.expect);
  });

  test.each([
    ["fix the failing test in math.test.js", "debugging"],
    ["the build is broken", "debugging"],
    ["add tests for the cache module", "testing"],
    ["refactor the parser into smaller files", "refactor"],
    ["update the README with the new flag", "editing"],
    ["implement a --verbose option", "coding"],
    ["hello", "chat"],
    ["how does the router pick a tier?", "explain"],
    ["something something", "coding"],
    ["is this right?", "explain"],
  ])("%s → %s", (task, type) => {
    expect(fallbackTaskType(task)).toBe(type);
  });
});

describe("asksForChanges", () => {
  test.each([
    "Add a --shout flag to greet.py that prints the greeting in upper case.",
    "Rename the function parse_args to parseArgs in every file that uses it.",
    "please update the README with the new option",
    "Can you fix the bug in the date parser?",
    "Hi! Change the default port in config.json to 8080.",
    "bump the version in package.json",
  ])("%s → true", (task) => {
    expect(asksForChanges(task)).toBe(true);
  });

  test.each([
    "hello",
    "thanks, that fixed it",
    "how do I rename a file?",
    "what does the add function do?",
    "ok, make sense",
    "Add me to your list of friends!",
  ])("%s → false", (task) => {
    expect(asksForChanges(task)).toBe(false);
  });
});

describe("classifyTask", () => {
  let server: ScriptedServer | undefined;
  afterAll(async () => server?.close());

  test("uses the model's label", async () => {
    server = await serve(
      { rules: [{ prompt: "classify_task_type", replies: [{ content: "Refactor." }] }] },
      { model: "m" },
    );
    expect(await classifyTask("whatever")).toEqual({ taskType: "refactor", fallback: false });
  });

  test("falls back to the keyword rules when the endpoint fails (500s)", async () => {
    await server?.close();
    server = await serve(
      { rules: [{ prompt: "classify_task_type", replies: [{ status: 500 }] }] },
      { model: "m" },
    );
    const result = await classifyTask("fix the crash in parser.ts");
    expect(result.taskType).toBe("debugging");
    expect(result.fallback).toBe(true);
    expect(result.error).toMatch(/500/);
    expect(server.chatRequests("classify_task_type").length).toBe(2); // retry: max_attempts 2
  });

  test("falls back when the label is not a task type", async () => {
    await server?.close();
    server = await serve(
      { rules: [{ prompt: "classify_task_type", replies: [{ content: "banana" }] }] },
      { model: "m" },
    );
    expect((await classifyTask("where is main defined")).taskType).toBe("search");
  });

  test("a `chat` label is not trusted when the task asks for changes to files or code", async () => {
    await server?.close();
    server = await serve(
      { rules: [{ prompt: "classify_task_type", replies: [{ content: "chat" }] }] },
      { model: "m" },
    );
    const task = "Add a --shout flag to greet.py that prints the greeting in upper case.";
    expect(await classifyTask(task)).toEqual({ taskType: "coding", fallback: false, relabeled: "chat" });
    expect(await classifyTask("hello there")).toEqual({ taskType: "chat", fallback: false });
  });

  test("a cancelled run is not classified", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(classifyTask("x", { signal: controller.signal })).rejects.toThrow(/cancel/);
  });
});
