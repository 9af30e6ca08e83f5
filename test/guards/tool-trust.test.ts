import { describe, expect, it } from "vitest";
import { THRESHOLDS } from "../../cli/smallcode/guard-kit/thresholds.ts";
import { toolTrustGuard } from "../../cli/smallcode/guards/tool-trust.ts";
import { call, Driver } from "./helpers.ts";

describe("tool trust decay", () => {
  it("demotes a tool after repeated failures, then drops it from the offered schemas", async () => {
    const g = toolTrustGuard(THRESHOLDS);
    const d = new Driver(g);
    await d.start();
    const names = ["read_file", "patch", "write_file", "bash"];
    const verdicts = [];
    for (let i = 0; i < THRESHOLDS.trustDropAt; i++) {
      verdicts.push(
        (await d.tool(call("patch", { path: "a.ts", old_str: `${i}`, new_str: "x" }), { ok: false })).after,
      );
      if (i < THRESHOLDS.trustDropAt - 1) expect(g.offeredTools(names, d.ctx)).toEqual(names);
    }
    expect(verdicts.map((v) => v.action)).toEqual(["allow", "allow", "steer", "allow", "steer"]);
    expect(verdicts[2]!.action === "steer" && verdicts[2]!.message).toContain(
      "`patch` has failed 3 times in a row",
    );
    expect(g.offeredTools(names, d.ctx)).toEqual(["read_file", "write_file", "bash"]);
    await d.start("next task");
    expect(g.offeredTools(names, d.ctx)).toEqual(names);
  });

  it("restores trust on success and ignores failing commands and tests", async () => {
    const g = toolTrustGuard(THRESHOLDS);
    const d = new Driver(g);
    await d.start();
    for (let i = 0; i < 10; i++) {
      expect((await d.tool(call("bash", { command: `exit ${i + 1}` }), { ok: false })).after.action).toBe(
        "allow",
      );
      await d.tool(call("search", { pattern: `p${i}` }), { ok: i % 2 === 0 });
    }
    expect(g.offeredTools(["bash", "search"], d.ctx)).toEqual(["bash", "search"]);
  });

  it("never offers an empty list", async () => {
    const g = toolTrustGuard(THRESHOLDS);
    const d = new Driver(g);
    await d.start();
    for (let i = 0; i < THRESHOLDS.trustDropAt; i++)
      await d.tool(call("read_file", { path: `${i}` }), { ok: false });
    expect(g.offeredTools(["read_file"], d.ctx)).toEqual(["read_file"]);
  });
});
