import { describe, expect, it } from "vitest";
import { THRESHOLDS } from "../../cli/smallcode/guard-kit/thresholds.ts";
import { closestTools, qualityGuard } from "../../cli/smallcode/guards/quality.ts";
import { toolNames } from "../../cli/smallcode/toolbox/index.ts";
import { call, Driver, makeProject } from "./helpers.ts";

const guard = (onExhausted?: "continue" | "stop") =>
  qualityGuard(THRESHOLDS, { knownTools: toolNames, onExhausted });

describe("quality monitor", () => {
  it("corrects an empty turn", async () => {
    const d = new Driver(guard());
    await d.start();
    const v = await d.reply("   ");
    expect(v).toMatchObject({ action: "steer" });
    expect(v.action === "steer" && v.message).toContain("Your reply was empty");
  });

  it("answers a hallucinated tool with the closest real tools instead of running it", async () => {
    const d = new Driver(guard());
    await d.start();
    const bad = call("edit_file", { path: "a.ts", old: "x", new: "y" });
    const v = await d.reply("", [bad]);
    expect(v.action).toBe("steer");
    expect(v.action === "steer" && v.message).toContain("There is no tool called `edit_file`");
    const { before } = await d.tool(bad);
    expect(before.action).toBe("refuse");
    expect(before.action === "refuse" && before.message).toMatch(
      /^unknown tool `edit_file`; use one of the real tools: patch/,
    );
  });

  it("answers a call without a name", async () => {
    const d = new Driver(guard());
    await d.start();
    const bad = call("", { command: "ls" });
    await d.reply("", [bad]);
    const { before } = await d.tool(bad);
    expect(before.action === "refuse" && before.message).toContain(
      "a tool call without a name; use one of the real tools: bash",
    );
  });

  it("corrects an exact repeat when nothing changed in between", async () => {
    const d = new Driver(guard());
    await d.start();
    const reply = "I will look at the range function in the source file now.";
    expect((await d.reply(reply, [call("read_file", { path: "src/range.ts" })])).action).toBe("allow");
    expect((await d.reply(reply, [call("read_file", { path: "src/range.ts" })])).action).toBe("steer");
  });

  it("does not count re-running tests after a change as a repeat", async () => {
    const d = new Driver(guard());
    await d.start();
    await d.reply("", [call("run_tests")]);
    await d.tool(call("patch", { path: "a.ts", old_str: "a", new_str: "b" }), { changed: ["a.ts"] });
    expect((await d.reply("", [call("run_tests")])).action).toBe("allow");
  });

  it("corrects at most two turns in a row, then lets the run continue", async () => {
    const d = new Driver(guard());
    await d.start();
    expect((await d.reply("")).action).toBe("steer");
    expect((await d.reply("")).action).toBe("steer");
    expect((await d.reply("")).action).toBe("allow");
    expect((await d.reply("")).action).toBe("allow");
    await d.reply("Reading the file.", [call("read_file", { path: "a.ts" })]);
    expect((await d.reply("")).action).toBe("steer");
  });

  it("or stops cleanly when configured to", async () => {
    const d = new Driver(guard("stop"));
    await d.start();
    await d.reply("");
    await d.reply("");
    const v = await d.reply("");
    expect(v.action).toBe("stop");
  });

  it("stays silent on well-formed replies", async () => {
    const d = new Driver(guard());
    await d.start();
    for (const c of [
      call("read_file", { path: "src/range.ts" }),
      call("patch", { path: "src/range.ts", old_str: "<=", new_str: "<" }),
    ]) {
      expect((await d.reply(`Next: ${c.name}`, [c])).action).toBe("allow");
      expect((await d.tool(c)).before.action).toBe("allow");
    }
  });
});

describe("closestTools", () => {
  it("suggests tools by meaning and by spelling", () => {
    expect(closestTools("edit_file", toolNames)[0]).toBe("patch");
    expect(closestTools("run_command", toolNames)[0]).toBe("bash");
    expect(closestTools("create_file", toolNames)[0]).toBe("write_file");
    expect(closestTools("list_directory", toolNames)[0]).toBe("find_files");
    expect(closestTools("grep", toolNames)[0]).toBe("search");
    expect(closestTools("read_fil", toolNames)[0]).toBe("read_file");
  });
});

describe("quality: writes that copy SmallCode's report of an earlier call", () => {
  it("refuses a report or an error as a file's text, and writes what a command printed or a file held", async () => {
    const cwd = makeProject({
      "secret.py": "print(4181)\n",
      "notes.txt": "file not found: keep this line\n",
    });
    const d = new Driver(guard(), { cwd }).withSession();
    await d.start("Run python3 secret.py and write exactly what it prints into a new file named output.txt.");
    // What a 0.5B model did: a patch of the missing file, then its error and the next report as content.
    const failed = await d.tool(call("patch", { path: "output.txt", old_str: "4181", new_str: "4181" }));
    expect(failed.outcome.ok).toBe(false);
    const echo = await d.tool(call("write_file", { path: "output.txt", content: failed.outcome.output }));
    expect(echo.before.action).toBe("refuse");
    expect(echo.before.action === "refuse" && echo.before.message).toContain(
      "not what `output.txt` should hold",
    );
    const printed = await d.tool(call("bash", { command: "python3 secret.py" }));
    expect(printed.outcome.output).toContain("4181");
    expect((await d.tool(call("write_file", { path: "output.txt", content: "4181\n" }))).before.action).toBe(
      "allow",
    );
    const report = d.ctx.outcomes.at(-1)!.output.split("\n")[0]!;
    expect(report).toMatch(/output\.txt/);
    const again = await d.tool(call("write_file", { path: "output.txt", content: report }));
    expect(again.before.action).toBe("refuse");
    // A file's own text that looks like an error is copied as asked.
    const read = await d.tool(call("read_file", { path: "notes.txt" }));
    expect(read.outcome.ok).toBe(true);
    const copy = call("write_file", { path: "copy.txt", content: "file not found: keep this line\n" });
    expect((await d.tool(copy)).before.action).toBe("allow");
    await d.finish();
  });
});
