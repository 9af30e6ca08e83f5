import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contractsGuard, evidencePath } from "../../../cli/smallcode/contracts/guard.ts";
import { TaskState } from "../../../cli/smallcode/guard-kit/task.ts";
import { THRESHOLDS, thresholds } from "../../../cli/smallcode/guard-kit/thresholds.ts";
import { createToolSession } from "../../../cli/smallcode/toolbox/index.ts";
import { call, cleanupProjects, Driver, makeProject } from "../helpers.ts";

const roots: string[] = [];
afterAll(() => cleanupProjects(roots));

async function setup(files: Record<string, string>, t = THRESHOLDS) {
  const cwd = makeProject(files);
  roots.push(cwd);
  const task = new TaskState();
  const session = createToolSession({ cwd });
  // the contract logic is under test; the opaque-command policy (no sandbox) is in test/security
  const guard = contractsGuard(t, task, { shell: () => session.shell, safety: { sandboxed: () => true } });
  const d = new Driver(guard, { cwd, task: "make add() return the sum" });
  d.session = session;
  await d.start();
  return { cwd, d, guard, task };
}

const ADD_BROKEN = "exports.add = (a, b) => a - b;\n";
const ADD_FIXED = "exports.add = (a, b) => a + b;\n";
const CHECK = "node -e \"process.exit(require('./add.js').add(2, 3) === 5 ? 0 : 1)\"";

describe("definition of done", () => {
  it("refuses the final answer while a declared check fails, and accepts it once it passes", async () => {
    const { cwd, d, guard, task } = await setup({ "add.js": ADD_BROKEN });
    await d.reply("Declaring the check.", [call("done_when", { command: CHECK, exit_code: 0 })]);
    await d.tool(call("done_when", { command: CHECK, exit_code: 0 }));
    const refused = await d.answer("Done, add() now adds.");
    expect(refused.action).toBe("steer");
    expect(refused.action === "steer" && refused.message).toContain("Not done yet: 1 of 1 checks fail.");
    expect(refused.action === "steer" && refused.message).toContain("but it exited 1, expected 0");
    expect(guard.status()).toBe("failed");

    writeFileSync(join(cwd, "add.js"), ADD_FIXED);
    expect((await d.answer("Done, add() now adds.")).action).toBe("allow");
    expect(guard.status()).toBe("passed");
    await d.finish();

    const record = JSON.parse(readFileSync(evidencePath(cwd, task.id), "utf8"));
    expect(record.status).toBe("passed");
    expect(record.evidence.map((e: { status: string; exitCode: number }) => [e.status, e.exitCode])).toEqual([
      ["failed", 1],
      ["passed", 0],
    ]);
    expect(record.evidence[0]).toMatchObject({ assertion: 1, command: CHECK, expected: "exits 0" });
  });

  it("reads a DONE WHEN block from a reply and checks output text", async () => {
    const { d } = await setup({ "v.js": "console.log('version 1.0.0')\n" });
    await d.reply('Plan: bump the version.\n\nDONE WHEN:\n- `node v.js` prints "version 2.0.0"\n', [
      call("read_file", { path: "v.js" }),
    ]);
    const v = await d.answer("Bumped.");
    expect(v.action === "steer" && v.message).toContain(
      '1. `node v.js` should print "version 2.0.0", but its output does not contain',
    );
    expect(v.action === "steer" && v.message).toContain("version 1.0.0");
  });

  it("lets an insisting answer stand after too many refusals, and reports the failing check as evidence", async () => {
    const { d, guard } = await setup({}, thresholds({ contractMaxRefusals: 1 }));
    await d.tool(call("done_when", { command: "false" }));
    expect((await d.answer("done")).action).toBe("steer");
    expect((await d.answer("done")).action).toBe("allow");
    // the run's verdict (checks_failing) rests on these
    expect(await guard.doneChecks(d.ctx)).toEqual({
      declared: true,
      checks: [{ source: "done_when", command: "false", ok: false, output: "it exited 1, expected 0" }],
    });
  });

  it("refuses checks that are destructive or leave the project, without running them", async () => {
    const { d } = await setup({});
    const { before } = await d.tool(call("done_when", { command: "git push --force" }));
    expect(before.action).toBe("refuse");
    await d.reply("DONE WHEN:\n- `echo hi > /etc/motd` exits 0");
    const v = await d.answer("done");
    expect(v.action === "steer" && v.message).toContain("it cannot run");
  });

  it("stays silent when nothing was declared, and shows the checks in the notes", async () => {
    const { d, guard } = await setup({});
    expect((await d.answer("All done.")).action).toBe("allow");
    expect(guard.notes!(d.ctx, 200)).toContain("call done_when(command, exit_code, output_contains)");
    await d.tool(call("done_when", { command: "npm test", exit_code: "0" }));
    expect(guard.notes!(d.ctx, 200)).toBe("Definition of done (run when you answer):\n1. `npm test` exits 0");
    expect(guard.notes!({ ...d.ctx, task: "explain x", taskType: "explain" }, 200)).toContain("npm test");
  });
});
