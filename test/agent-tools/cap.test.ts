import { describe, expect, it } from "vitest";
import { capOutput, cutLine, splitLines } from "../../cli/smallcode/tools/cap.ts";
import { numberLines, stripGutters } from "../../cli/smallcode/tools/numbered.ts";
import { cleanTerminal } from "../../cli/smallcode/tools/terminal.ts";

const lines = (n: number) => Array.from({ length: n }, (_, i) => `l${i + 1}`).join("\n");

describe("capOutput", () => {
  it("leaves short output alone", () => {
    expect(capOutput("a\nb\n", { maxLines: 10, maxChars: 100 })).toEqual({
      text: "a\nb",
      truncated: false,
      omittedLines: 0,
      totalLines: 2,
    });
  });

  it("keeps head and tail around one marker line with the hint", () => {
    const r = capOutput(lines(100), { maxLines: 10, maxChars: 10_000, hint: "use grep" });
    expect(r.text).toBe(
      "l1\nl2\nl3\nl4\nl5\n… 90 lines omitted (lines 6–95 of 100); use grep …\nl96\nl97\nl98\nl99\nl100",
    );
    expect(r).toMatchObject({ truncated: true, omittedLines: 90, totalLines: 100 });
  });

  it("honours the character budget and the head ratio", () => {
    const r = capOutput(lines(100), { maxLines: 100, maxChars: 40, headRatio: 0.25 });
    expect(r.text.split("\n")[0]).toBe("l1");
    expect(r.text).toMatch(/… \d+ lines omitted \(lines \d+–\d+ of 100\) …\n/);
    expect(r.text.endsWith("l100")).toBe(true);
    expect(r.text.length).toBeLessThan(120);
  });

  it("cuts very long lines with a count of what was cut", () => {
    expect(cutLine("x".repeat(12), 5)).toBe("xxxxx … [7 more chars]");
    expect(capOutput("y".repeat(2000), { maxLines: 5, maxChars: 10_000, maxLineChars: 10 }).text).toBe(
      "yyyyyyyyyy … [1,990 more chars]",
    );
  });

  it("never leaves the prefix of a secret at the cut; ordinary words are cut where they are", () => {
    const token = `ghp_${"A1b2C3d4".repeat(4)}`; // a GitHub token shape
    expect(cutLine(`see ${token} here`, 12)).toBe(`see  … [${token.length + 5} more chars]`);
    const quoted = `{"password": "hunter2-long-value"}`; // a value after a secret-looking key
    expect(cutLine(quoted, 20)).toBe(`{"password": " … [${quoted.length - 14} more chars]`);
    expect(cutLine(`word ${"z".repeat(30)}`, 10)).toBe(`word zzzzz … [25 more chars]`);
  });

  it("splits lines without a phantom last line", () => {
    expect(splitLines("a\r\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("")).toEqual([]);
  });
});

describe("numbered lines", () => {
  it("pads numbers to at least four columns and flags marked lines", () => {
    expect(numberLines(["a", "b"], 9)).toBe("   9│ a\n  10│ b");
    expect(numberLines(["a", "b"], 9, { marks: new Set([10]) })).toBe("    9│ a\n>  10│ b");
  });

  it("strips gutters only when every non-empty line has one", () => {
    expect(stripGutters("  12│ a\n\n  13│   b")).toBe("a\n\n  b");
    expect(stripGutters("> 12│ hit\n  13│ ctx")).toBe("hit\nctx");
    expect(stripGutters("  12│ a\nplain")).toBeNull();
  });
});

describe("cleanTerminal", () => {
  it("drops escape sequences and keeps the last carriage-return frame", () => {
    expect(cleanTerminal("\u001b[1;32mok\u001b[0m\r\nload 1%\rload 99%\n\u001b]0;title\u0007done")).toBe(
      "ok\nload 99%\ndone",
    );
  });
});
