import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../cli/smallcode/knowledge/front-matter.ts";

/** The SKILL.md front-matter parser is total: any text gives fields or a problem with a line, never a throw. */

describe("parseFrontMatter", () => {
  it("reads keys, quoted values, folded blocks and lists", () => {
    const fm = parseFrontMatter(
      '---\nname: "pdf-tools"\ndescription: >\n  Fill PDF forms\n  and merge files\nallowed-tools:\n  - Bash\n  - Read\n---\n# Body\n',
    );
    expect(fm.ok).toBe(true);
    if (!fm.ok) return;
    expect(fm.fields.get("name")).toEqual({ value: "pdf-tools", line: 2 });
    expect(fm.fields.get("description")).toEqual({ value: "Fill PDF forms and merge files", line: 3 });
    expect(fm.fields.get("allowed_tools")).toEqual({ value: "Bash, Read", line: 6 });
    expect(fm.body).toBe("# Body\n");
    expect(fm.bodyLine).toBe(10);
  });

  it("names the line of what it cannot read", () => {
    expect(parseFrontMatter("no front matter")).toMatchObject({ ok: false, line: 1 });
    expect(parseFrontMatter("---\nname: a\n: nothing\n---\n")).toMatchObject({ ok: false, line: 3 });
    expect(parseFrontMatter("---\nname: a\n")).toMatchObject({
      ok: false,
      message: expect.stringContaining("not closed"),
    });
  });

  it("never throws, and any problem line is within the file", () => {
    const line = fc.oneof(
      fc.constantFrom("---", "name: x", "  - item", ">", "description: |", ""),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const text = lines.join("\n");
        const fm = parseFrontMatter(text);
        if (!fm.ok) {
          expect(fm.line).toBeGreaterThanOrEqual(1);
          expect(fm.line).toBeLessThanOrEqual(Math.max(1, lines.length));
        }
      }),
      { numRuns: 500 },
    );
  });
});
