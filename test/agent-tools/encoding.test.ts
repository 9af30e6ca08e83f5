import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeText, encodeText, firstInvalidUtf8 } from "../../cli/smallcode/tools/encoding.ts";
import { patchTool } from "../../cli/smallcode/tools/patch.ts";
import { readFileTool } from "../../cli/smallcode/tools/read-file.ts";
import { searchTool } from "../../cli/smallcode/tools/search.ts";
import { workspace } from "./helpers.ts";

const ws = workspace();
afterAll(() => ws.cleanup());

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("encoding: lossless decoding", () => {
  it("finds the first byte that is not UTF-8: bad leads, cut sequences, overlongs, surrogates", () => {
    expect(firstInvalidUtf8(bytes("héllo €𝄞"))).toBe(-1);
    expect(firstInvalidUtf8(bytes("ab", [0xff]))).toBe(2);
    expect(firstInvalidUtf8(bytes("ab", [0xe2, 0x82]))).toBe(2);
    expect(firstInvalidUtf8(bytes("a", [0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(bytes("a", [0xe0, 0x80, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(bytes("a", [0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(bytes("a", [0xf4, 0x90, 0x80, 0x80]))).toBe(1);
  });

  it("reads UTF-8 as UTF-8 and anything else as Latin-1, and encodes both back byte for byte", () => {
    const utf8 = bytes([0xef, 0xbb, 0xbf], "é\n");
    expect(decodeText(utf8)).toEqual({ text: "é\n", bom: true, encoding: "utf-8" });
    const latin = bytes("x\n", "é", [0xe9, 0x80, 0xff], "\n");
    const d = decodeText(latin);
    expect(d).toMatchObject({ encoding: "latin1", bom: false, invalid: { offset: 4, line: 2, byte: 0xe9 } });
    expect(encodeText(d.text, d.encoding, d.bom).equals(latin)).toBe(true);
    expect(() => encodeText("→", "latin1", false)).toThrow(/Latin-1/);
  });
});

describe("encoding: the file tools", () => {
  it("read_file says a file is not UTF-8; patch may add Latin-1 characters, stored as one byte each", async () => {
    const original = bytes("// caf", [0xe9], "\nlet s = 'x';\n");
    const root = ws.project({ "l.js": original });
    const ctx = ws.session(root);
    const read = await readFileTool.run({ path: "l.js" }, ctx);
    expect(read).toMatchObject({ ok: true, encoding: "latin1" });
    expect(read.output.split("\n")[0]).toBe(
      "(`l.js` is not valid UTF-8 (byte 0xE9 on line 1 is not); it is shown as Latin-1, one character per byte. patch keeps every other byte as it is; write_file will not replace this file)",
    );
    const r = await patchTool.run({ path: "l.js", old_str: "let s = 'x';", new_str: "let s = 'ñ';" }, ctx);
    expect(r.ok).toBe(true);
    expect(
      readFileSync(join(root, "l.js")).equals(bytes("// caf", [0xe9], "\nlet s = '", [0xf1], "';\n")),
    ).toBe(true);
  });

  it("search shows lines of a file that is not UTF-8 as Latin-1, like read_file", async () => {
    const root = ws.project({ "l.txt": bytes("na", [0xef], "ve\n") });
    const r = await searchTool.run({ pattern: "na.ve" }, ws.session(root, { searchEngine: "js" }));
    expect(r.output).toBe("l.txt:1: naïve");
  });
});
