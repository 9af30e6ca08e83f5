import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { getTool, implementations, runTool, toolNames, tools } from "../../cli/smallcode/toolbox/index.ts";
import type { ToolContext } from "../../cli/smallcode/tools/tool.ts";
import type { ToolImplementations } from "../../generated/index.ts";
import { workspace } from "./helpers.ts";

const ws = workspace();
afterAll(() => ws.cleanup());

/** `tool name(a: string, b: int?)` declarations of marrow/tools.marrow: name → parameter names. */
function declaredTools(): Map<string, string[]> {
  const text = readFileSync(join(import.meta.dirname, "../../marrow/tools.marrow"), "utf8");
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(/^\s*tool (\w+)\(([^)]*)\)/gm)) {
    out.set(
      m[1]!,
      m[2]!
        .split(",")
        .map((p) => p.split(":")[0]!.trim())
        .filter(Boolean),
    );
  }
  return out;
}

describe("the tool registry", () => {
  it("implements every tool declared in marrow/tools.marrow with the declared parameter names", () => {
    const declared = declaredTools();
    expect(declared.size).toBeGreaterThan(0);
    expect([...declared.keys()].sort()).toEqual([...toolNames].sort());
    for (const [name, params] of declared) {
      const tool = getTool(name)!;
      expect(tool.name).toBe(name);
      const shape = (tool.params as unknown as z.ZodObject).shape;
      expect(Object.keys(shape).sort(), name).toEqual([...params].sort());
    }
  });

  it("answers unknown tools and bad arguments with results, not exceptions", async () => {
    const ctx = ws.session(ws.project());
    expect((await runTool("edit", {}, ctx)).output).toBe(
      `unknown tool \`edit\`; available tools: ${Object.keys(tools).join(", ")}`,
    );
    expect((await runTool("patch", { path: "a" }, ctx)).output).toBe(
      "invalid arguments for patch: `old_str` is required; `new_str` is required",
    );
    expect((await runTool("bash", "ls", ctx)).output).toBe(
      "invalid arguments for bash: expected an object of named arguments",
    );
    expect(getTool("toString")).toBeUndefined();
  });

  it("implements every declared tool, with the generated ToolImplementations shape", async () => {
    const ctx = ws.session(ws.project({ "a.txt": "hello\n" }));
    const checked: ToolImplementations<ToolContext> = implementations;
    expect(Object.keys(checked).sort()).toEqual([...toolNames].sort());
    expect(await checked.read_file({ path: "a.txt" }, ctx)).toMatchObject({
      ok: true,
      output: "   1│ hello",
    });
    expect(await checked.find_files({ pattern: "*.txt" }, ctx)).toMatchObject({ ok: true, output: "a.txt" });
    expect(await checked.read_file({ path: "missing.txt" }, ctx)).toMatchObject({ ok: false });
  });
});
