import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import type { Message } from "../../cli/smallcode/contract/index.ts";
import { type AgentHarness, startAgent } from "../support/agent-run.ts";
import { agentScript, hermes } from "../support/agent-script.ts";

/**
 * Files that are not UTF-8, edited by the real agent from scripted replies: a one-line patch keeps
 * every other byte (no U+FFFD), read_file says how it decoded the file, and edits that cannot be
 * stored byte for byte are refused with the file left as it was.
 */

/** `café` and `naïve` in Latin-1 (0xE9, 0xEF), around an ASCII line to patch. */
const LATIN1 = Buffer.concat([
  Buffer.from("// caf"),
  Buffer.from([0xe9]),
  Buffer.from("\nconst limit = 1;\n// na"),
  Buffer.from([0xef]),
  Buffer.from("ve \xa9 2024\n", "latin1"),
]);

/** Valid UTF-8 (with `é` as two bytes) for 9 KiB, then a stray 0xFF: past the 8 KiB binary sniff. */
const LATE_INVALID = Buffer.concat([
  Buffer.from("const greeting = 'héllo';\nconst limit = 1;\n", "utf8"),
  Buffer.from(`${"// filler line\n".repeat(640)}`),
  Buffer.from([0x2f, 0x2f, 0x20, 0xff, 0xfe, 0x0a]),
]);

/** The text of every tool result in the agent's history, in order. */
function results(history: readonly Message[]): string[] {
  return history.filter((m) => m.role === "tool").map((m) => String(m.content));
}

describe("security: files that are not UTF-8", () => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function agentOn(file: string, bytes: Buffer, act: string[]): Promise<AgentHarness> {
    const harness = await startAgent(agentScript({ act }), {}, { "package.json": "{}\n" });
    writeFileSync(join(harness.project.root, file), bytes);
    return harness;
  }

  const bytesOf = (file: string) => readFileSync(join(h!.project.root, file));

  test("a one-line patch of a Latin-1 file keeps every other byte, and read_file names the encoding", async () => {
    h = await agentOn("legacy.js", LATIN1, [
      hermes("read_file", { path: "legacy.js" }),
      hermes("patch", { path: "legacy.js", old_str: "const limit = 1;", new_str: "const limit = 2;" }),
      "Raised the limit.",
    ]);
    const result = await h.agent.run("raise the limit in legacy.js to 2");
    expect(result.stopReason).toBe("done");
    expect(
      bytesOf("legacy.js").equals(Buffer.from(LATIN1.toString("latin1").replace("= 1;", "= 2;"), "latin1")),
    ).toBe(true);
    const [read, patched] = results(h.agent.history);
    expect(read).toContain("`legacy.js` is not valid UTF-8 (byte 0xE9 on line 1 is not)");
    expect(read).toContain("shown as Latin-1");
    expect(read).toContain("// café");
    expect(patched).toContain("patched `legacy.js` (line 2); kept the file's Latin-1 bytes");
  });

  test("a stray byte after the first 8 KiB of a UTF-8 file survives a patch elsewhere", async () => {
    h = await agentOn("late.js", LATE_INVALID, [
      hermes("patch", { path: "late.js", old_str: "const limit = 1;", new_str: "const limit = 2;" }),
      "Done.",
    ]);
    await h.agent.run("raise the limit in late.js to 2");
    const after = bytesOf("late.js");
    expect(after.length).toBe(LATE_INVALID.length);
    expect(after.includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(false);
    const expected = Buffer.from(LATE_INVALID);
    expected.write("2", LATE_INVALID.indexOf("= 1;") + 2, "latin1");
    expect(after.equals(expected)).toBe(true);
    expect(results(h.agent.history)[0]).toContain("patched `late.js` (line 2)");
  });

  test("a patch that Latin-1 cannot store is refused and the file is left byte for byte", async () => {
    h = await agentOn("legacy.js", LATIN1, [
      hermes("patch", {
        path: "legacy.js",
        old_str: "const limit = 1;",
        new_str: "const limit = 1; // → max",
      }),
      "Done.",
    ]);
    await h.agent.run("annotate the limit in legacy.js");
    expect(bytesOf("legacy.js").equals(LATIN1)).toBe(true);
    const [refusal] = results(h.agent.history);
    expect(refusal).toContain(
      "new_str has characters Latin-1 cannot store: `→` (U+2192). Nothing was changed.",
    );
    expect(refusal).toContain("iconv -f latin1 -t utf-8 legacy.js");
  });

  test("write_file over a file that is not UTF-8 is refused until the file is deleted on purpose", async () => {
    h = await agentOn("legacy.js", LATIN1, [
      hermes("write_file", { path: "legacy.js", content: "// café\nconst limit = 2;\n" }),
      "Done.",
    ]);
    await h.agent.run("rewrite legacy.js");
    expect(bytesOf("legacy.js").equals(LATIN1)).toBe(true);
    const [refusal] = results(h.agent.history);
    expect(refusal).toContain(
      "`legacy.js` is not UTF-8 (it is read as Latin-1); write_file would replace all of its bytes",
    );
    expect(refusal).toContain("Use patch to change part of it");
  });
});
