import { describe, expect, it } from "vitest";
import { z } from "zod";
import { makeSpec } from "../../cli/testkit/make-spec.ts";
import { validateOutput } from "../../runtime/validate.ts";

const entity = z.object({ files: z.array(z.string()), summary: z.string() });
type Entity = z.infer<typeof entity>;

describe("validateOutput", () => {
  it("validates against the zod schema and reports paths", async () => {
    const spec = makeSpec<Entity>({ output: { kind: "json" }, schema: entity });
    expect(await validateOutput(spec, { files: ["a"], summary: "s" }, { text: "" })).toEqual({
      ok: true,
      value: { files: ["a"], summary: "s" },
    });
    const bad = await validateOutput(spec, { files: [1] }, { text: "" });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.issues.join("\n")).toMatch(/output\.files\.0: .*string/i);
    expect(bad.ok ? [] : bad.issues.join("\n")).toMatch(/output\.summary/);
  });

  it("checks constraints over output and input", async () => {
    const spec = makeSpec<Entity>({
      output: { kind: "json" },
      schema: entity,
      constraints: [
        { source: "output.files.length <= 1", check: (o) => o.files.length <= 1 },
        { source: "output.summary != input.text", check: (o, i) => o.summary !== i.text },
      ],
    });
    const r = await validateOutput(spec, { files: ["a", "b"], summary: "same" }, { text: "same" });
    expect(r).toEqual({
      ok: false,
      issues: [
        "constraint `output.files.length <= 1` is not met",
        "constraint `output.summary != input.text` is not met",
      ],
    });
  });

  it("runs a custom validator after the schema", async () => {
    const spec = makeSpec({
      validate: {
        kind: "custom",
        name: "no_todo",
        fn: (o: string) => (o.includes("TODO") ? "contains TODO" : true),
      },
    });
    expect((await validateOutput(spec, "done", { text: "" })).ok).toBe(true);
    expect(await validateOutput(spec, "TODO later", { text: "" })).toEqual({
      ok: false,
      issues: ["validator `no_todo`: contains TODO"],
    });
  });

  it("skips the schema with validate: none but still enforces constraints", async () => {
    const spec = makeSpec({
      validate: { kind: "none" },
      constraints: [{ source: 'output matches "^ok"', check: (o: string) => /^ok/.test(o) }],
    });
    expect((await validateOutput(spec, 42, { text: "" })).ok).toBe(false);
    expect((await validateOutput(spec, "ok!", { text: "" })).ok).toBe(true);
  });
});
