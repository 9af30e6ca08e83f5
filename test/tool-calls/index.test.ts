import { describe, expect, it } from "vitest";
import * as viaPackage from "../../cli/smallcode/tool-calls/index.ts";

// The package export `smallcode/tool-calls` (compiled into dist/) is imported from an installed
// package by test/package/install.test.ts.
describe("smallcode/tool-calls", () => {
  it("exposes the public surface", () => {
    expect(Object.keys(viaPackage).sort()).toEqual(["ISSUE_CODES", "parseToolCalls"]);
  });

  it("describes every issue code with a severity and a meaning", () => {
    for (const [code, [severity, meaning]] of Object.entries(viaPackage.ISSUE_CODES)) {
      expect(code).toMatch(/^[a-z_]+$/);
      expect(["error", "warning", "info"]).toContain(severity);
      expect(meaning.length).toBeGreaterThan(20);
    }
  });
});
