import { describe, expect, test } from "vitest";
import { capToolResult, countTokens } from "../../../cli/smallcode/context/index.ts";
import { redactString, registerSecret } from "../../../runtime/redact.ts";

describe("capToolResult", () => {
  test("short results pass unchanged", () => {
    expect(capToolResult("hello", 100)).toEqual({ text: "hello", truncated: false });
  });

  test("keeps the head and the tail with a hint in between", () => {
    const text = Array.from({ length: 2000 }, (_, i) => `line ${i + 1}`).join("\n");
    const capped = capToolResult(text, 300, "read_file");
    expect(capped.truncated).toBe(true);
    expect(countTokens(capped.text)).toBeLessThanOrEqual(300);
    expect(capped.text).toContain("line 1\n");
    expect(capped.text).toContain("line 2000");
    expect(capped.text).toMatch(/lines omitted .*start_line\/end_line/);
  });

  test("a single huge line is cut by characters", () => {
    const capped = capToolResult("x".repeat(100_000), 250, "bash");
    expect(capped.truncated).toBe(true);
    expect(countTokens(capped.text)).toBeLessThanOrEqual(250);
    expect(capped.text).toContain("narrow the command");
  });

  test("wherever a secret sits, no part of it survives the cuts (the stored text is redacted after)", () => {
    const secret = "Kx7pQ2mZ9vL4wN8rT3yB6cD1";
    registerSecret(secret);
    const pieces = (s: string) => Array.from({ length: s.length - 7 }, (_, i) => s.slice(i, i + 8));
    for (let at = 0; at < 400; at += 3) {
      // one long line (the character cut) and many lines (the line cuts), the secret anywhere
      for (const text of [
        `${"w".repeat(at)} ${secret} ${"z".repeat(900 - at)}`,
        `${"w ".repeat(at)}${secret}\n${"line\n".repeat(200)}${"q ".repeat(at)}${secret} tail`,
      ]) {
        const stored = redactString(capToolResult(text, 50, "bash").text);
        for (const piece of pieces(secret)) expect(stored).not.toContain(piece);
      }
    }
  });
});
