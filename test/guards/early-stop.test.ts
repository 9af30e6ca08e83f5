import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { THRESHOLDS } from "../../cli/smallcode/guard-kit/thresholds.ts";
import { earlyStopGuard } from "../../cli/smallcode/guards/early-stop.ts";
import { isGreeting, isRepetitive } from "../../cli/smallcode/guards/replies.ts";
import { call, Driver, makeProject } from "./helpers.ts";

const guard = () => earlyStopGuard(THRESHOLDS);

describe("early stop: identical tool-call loops", () => {
  it("steers on the third identical call and stops on the fourth", async () => {
    const d = new Driver(guard());
    await d.start();
    const same = () => call("search", { pattern: "parseRange", path: "src" });
    expect((await d.tool(same())).before.action).toBe("allow");
    expect((await d.tool(same())).before.action).toBe("allow");
    const third = await d.tool(same());
    expect(third.before).toMatchObject({ action: "steer" });
    expect(third.before.action === "steer" && third.before.message).toContain(
      'You have made the same call 3 times: search(pattern="parseRange", path="src")',
    );
    const fourth = await d.tool(same());
    expect(fourth.before).toMatchObject({ action: "stop" });
  });

  it("names the file the task asks for when it is still missing, with the call that writes it", async () => {
    const cwd = makeProject({ "secret.py": "print(4181)\n" });
    const task = "Run python3 secret.py and write exactly what it prints into a new file named output.txt.";
    const d = new Driver(guard(), { cwd, taskType: "coding" });
    await d.start(task);
    const run = () => call("bash", { command: "python3 secret.py" });
    await d.tool(run());
    await d.tool(run());
    const third = await d.tool(run());
    expect(third.before.action === "steer" && third.before.message).toContain(
      'The task asks for `output.txt`, which does not exist yet: write it now with write_file(path="output.txt"',
    );
    // Once the file is there, the general advice again.
    writeFileSync(join(cwd, "output.txt"), "4181\n");
    const e = new Driver(guard(), { cwd, taskType: "coding" });
    await e.start(task);
    for (let i = 0; i < 2; i++) await e.tool(run());
    const again = await e.tool(run());
    expect(again.before.action === "steer" && again.before.message).toContain("Do something different");
  });

  it("withholds the repeated call's tool for the one turn after the steer", async () => {
    const g = guard();
    const d = new Driver(g);
    await d.start();
    const names = ["read_file", "write_file", "bash"];
    const run = () => call("bash", { command: "python3 secret.py" });
    await d.tool(run());
    expect(g.offeredTools!(names, d.ctx)).toEqual(names);
    await d.tool(run());
    expect((await d.tool(run())).before.action).toBe("steer");
    expect(g.offeredTools!(names, d.ctx)).toEqual(["read_file", "write_file"]);
    expect(g.offeredTools!(names, d.ctx)).toEqual(names);
    // Never an empty tool list.
    await d.tool(call("read_file", { path: "a" }));
    await d.tool(call("read_file", { path: "a" }));
    await d.tool(call("read_file", { path: "a" }));
    expect(g.offeredTools!(["read_file"], d.ctx)).toEqual(["read_file"]);
  });

  it("treats argument order and surrounding spaces as the same call", async () => {
    const d = new Driver(guard());
    await d.start();
    await d.tool(call("read_file", { path: "a.ts", start_line: 1 }));
    await d.tool(call("read_file", { start_line: 1, path: " a.ts " }));
    expect((await d.tool(call("read_file", { path: "a.ts", start_line: 1 }))).before.action).toBe("steer");
  });

  it("stays silent when calls differ or repeats are far apart", async () => {
    const d = new Driver(guard());
    await d.start();
    for (let i = 0; i < 3; i++) {
      expect((await d.tool(call("bash", { command: "npm test" }))).before.action).toBe("allow");
      for (let j = 0; j < 3; j++) {
        const edit = call("patch", { path: "src/range.ts", old_str: `a${i}${j}`, new_str: `b${i}${j}` });
        expect((await d.tool(edit, { changed: ["src/range.ts"] })).before.action).toBe("allow");
      }
    }
  });
});

describe("early stop: read-only loops", () => {
  it("steers after many reads without a change, then stops", async () => {
    const d = new Driver(guard());
    await d.start();
    const verdicts = [];
    for (let i = 0; i < THRESHOLDS.readOnlyStopAt; i++) {
      verdicts.push((await d.tool(call("read_file", { path: `src/file${i}.ts` }))).after.action);
    }
    expect(verdicts.indexOf("steer")).toBe(THRESHOLDS.readOnlySteerAt - 1);
    expect(verdicts.at(-1)).toBe("stop");
  });

  it("counts read-only shell commands as reads, and a change resets the streak", async () => {
    const d = new Driver(guard());
    await d.start();
    for (let i = 0; i < THRESHOLDS.readOnlySteerAt - 1; i++) {
      await d.tool(call("bash", { command: `cat src/f${i}.ts | head -n 40` }));
    }
    await d.tool(call("write_file", { path: "src/new.ts", content: "x" }), { changed: ["src/new.ts"] });
    for (let i = 0; i < THRESHOLDS.readOnlySteerAt - 1; i++) {
      expect((await d.tool(call("read_file", { path: `b${i}.ts` }))).after.action).toBe("allow");
    }
  });

  it("gives reading tasks more room", async () => {
    const d = new Driver(guard(), { task: "explain how the cache works", taskType: "explain" });
    await d.start();
    for (let i = 0; i < THRESHOLDS.readOnlySteerAt * THRESHOLDS.readOnlyLooseFactor - 1; i++) {
      expect((await d.tool(call("read_file", { path: `f${i}.ts` }))).after.action).toBe("allow");
    }
  });
});

describe("early stop: patch spirals", () => {
  it("tells the model to re-read and rewrite the region after repeated failed patches on one file", async () => {
    const d = new Driver(guard());
    await d.start();
    const fail = (i: number) =>
      d.tool(call("patch", { path: "src/range.ts", old_str: `for (i = 0; i <= n${i}`, new_str: "x" }), {
        ok: false,
        output: "old_str not found in `src/range.ts`",
      });
    expect((await fail(1)).after.action).toBe("allow");
    expect((await fail(2)).after.action).toBe("allow");
    const third = (await fail(3)).after;
    expect(third.action).toBe("steer");
    expect(third.action === "steer" && third.message).toContain('read_file(path="src/range.ts"');
    await fail(4);
    await fail(5);
    expect((await fail(6)).after.action).toBe("stop");
  });

  it("resets after a successful edit of the file", async () => {
    const d = new Driver(guard());
    await d.start();
    const patch = (ok: boolean, i: number) =>
      d.tool(call("patch", { path: "src/range.ts", old_str: `o${i}`, new_str: "n" }), { ok });
    await patch(false, 1);
    await patch(false, 2);
    await patch(true, 3);
    expect((await patch(false, 4)).after.action).toBe("allow");
    expect((await patch(false, 5)).after.action).toBe("allow");
  });
});

describe("early stop: replies", () => {
  it("re-injects the task when the model greets instead of working", async () => {
    const d = new Driver(guard());
    await d.start();
    const v = await d.reply("Hello! How can I help you today?");
    expect(v.action).toBe("steer");
    expect(v.action === "steer" && v.message).toContain(
      "Your task is:\nfix the off-by-one error in src/range.ts",
    );
    await d.reply("Hi there! What would you like me to do?");
    expect((await d.reply("Hello! I'm ready to help. What can I do for you?")).action).toBe("stop");
  });

  it("steers on a reply that repeats itself", async () => {
    const d = new Driver(guard());
    await d.start();
    const loop = "I will now read the file to understand it.\n".repeat(6);
    expect((await d.reply(loop)).action).toBe("steer");
  });

  it("stays silent on ordinary replies with code", async () => {
    const d = new Driver(guard());
    await d.start();
    const code =
      "Here is the fix:\n```ts\nif (a) {\n  return 1;\n}\nif (b) {\n  return 2;\n}\n```\nRunning tests next.";
    expect((await d.reply(code, [call("bash", { command: "npm test" })])).action).toBe("allow");
    expect((await d.reply("Hello world is printed by main.ts; the task is done.")).action).toBe("allow");
  });
});

describe("early stop: final answer without changes", () => {
  it("refuses once a final answer on a change task that changed nothing", async () => {
    const d = new Driver(guard());
    await d.start();
    await d.tool(call("read_file", { path: "src/range.ts" }));
    const v = await d.answer("The bug is on line 3: use < instead of <=.");
    expect(v.action).toBe("steer");
    expect(v.action === "steer" && v.message).toContain("you have not changed any file yet");
    expect((await d.answer("The bug is on line 3: use < instead of <=.")).action).toBe("allow");
  });

  it("accepts answers after a change, and answers to reading tasks", async () => {
    const d = new Driver(guard());
    await d.start();
    await d.tool(call("patch", { path: "src/range.ts", old_str: "<=", new_str: "<" }), {
      changed: ["src/range.ts"],
    });
    expect((await d.answer("Fixed.")).action).toBe("allow");
    const e = new Driver(guard(), { task: "what does src/range.ts do?", taskType: "explain" });
    await e.start();
    expect((await e.answer("It builds ranges.")).action).toBe("allow");
  });

  it("does not trust a `chat` label on a task that asks for changes", async () => {
    const task = "Add a --shout flag to greet.py that prints the greeting in upper case.";
    const d = new Driver(guard(), { task, taskType: "chat" });
    await d.start();
    expect((await d.answer("I'm ready to help. Could you tell me what you need?")).action).toBe("steer");
    const e = new Driver(guard(), { task: "hello there", taskType: "chat" });
    await e.start();
    expect((await e.answer("Hello! What can I do for you?")).action).toBe("allow");
  });
});

describe("reply detectors", () => {
  it("finds degenerate repetition", () => {
    expect(isRepetitive("abc def ghi jkl ".repeat(8), THRESHOLDS)).toBe(true);
    expect(isRepetitive("Let me check the file.\n".repeat(4), THRESHOLDS)).toBe(true);
    expect(isRepetitive("one line\nanother line\nthird line here", THRESHOLDS)).toBe(false);
    expect(isRepetitive("}\n}\n}\n}\n}\n", THRESHOLDS)).toBe(false);
  });

  it("tells greetings from answers", () => {
    expect(isGreeting("Hello! How can I assist you today?")).toBe(true);
    expect(isGreeting("What would you like me to work on?")).toBe(true);
    expect(isGreeting("I fixed the range check; the tests pass.")).toBe(false);
    expect(isGreeting("Hello is printed twice because main() runs twice.")).toBe(false);
  });
});
