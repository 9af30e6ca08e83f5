import { describe, expect, it } from "vitest";
import { THRESHOLDS } from "../../cli/smallcode/guard-kit/thresholds.ts";
import {
  consecutiveEditFailures,
  retryTemperatureGuard,
} from "../../cli/smallcode/guards/retry-temperature.ts";
import { call, Driver } from "./helpers.ts";

describe("adaptive retry temperature", () => {
  it("raises the temperature step by step while the same edit keeps failing, and resets on success", async () => {
    const g = retryTemperatureGuard(THRESHOLDS);
    const d = new Driver(g);
    await d.start();
    const patch = (ok: boolean) =>
      d.tool(call("patch", { path: "src/a.ts", old_str: "x", new_str: "y" }), { ok });
    expect(g.temperatureFor(d.ctx)).toBeUndefined();
    await patch(false);
    expect(g.temperatureFor(d.ctx)).toBeUndefined();
    await patch(false);
    expect(g.temperatureFor(d.ctx)).toBe(0.5);
    await d.tool(call("read_file", { path: "src/a.ts" }));
    await patch(false);
    expect(g.temperatureFor(d.ctx)).toBe(0.65);
    for (let i = 0; i < 5; i++) await patch(false);
    expect(g.temperatureFor(d.ctx)).toBe(0.9);
    await patch(true);
    expect(g.temperatureFor(d.ctx)).toBeUndefined();
  });

  it("stays silent when failures are on different files or a new task starts", async () => {
    const g = retryTemperatureGuard(THRESHOLDS);
    const d = new Driver(g);
    await d.start();
    await d.tool(call("patch", { path: "a.ts", old_str: "x", new_str: "y" }), { ok: false });
    await d.tool(call("patch", { path: "b.ts", old_str: "x", new_str: "y" }), { ok: false });
    expect(g.temperatureFor(d.ctx)).toBeUndefined();
    await d.tool(call("patch", { path: "b.ts", old_str: "x", new_str: "y" }), { ok: false });
    expect(g.temperatureFor(d.ctx)).toBe(0.5);
    await d.start("another task");
    expect(g.temperatureFor(d.ctx)).toBeUndefined();
  });

  it("counts back from the newest edit", () => {
    const o = (path: string, ok: boolean) => ({ call: call("patch", { path }), ok, output: "", changed: [] });
    expect(
      consecutiveEditFailures(
        [o("a", false), o("a", true), o("a", false), o("b", false), o("a", false)],
        "/p",
      ),
    ).toBe(2);
  });
});
