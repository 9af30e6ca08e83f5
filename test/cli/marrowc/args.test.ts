import { describe, expect, it } from "vitest";
import { commands, helpText, parseArgs } from "../../../cli/marrowc/args.ts";

function ok(argv: string[]) {
  const r = parseArgs(argv);
  if (!r.ok) throw new Error(`expected success, got: ${r.error}`);
  return r.value;
}

function err(argv: string[]): string {
  const r = parseArgs(argv);
  if (r.ok) throw new Error(`expected an error for ${argv.join(" ")}`);
  return r.error;
}

describe("parseArgs", () => {
  it("shows help without arguments, with --help, -h and `help CMD`", () => {
    expect(ok([])).toEqual({ command: "help" });
    expect(ok(["--help"])).toEqual({ command: "help" });
    expect(ok(["-h"])).toEqual({ command: "help" });
    expect(ok(["help", "build"])).toEqual({ command: "help", topic: "build" });
    expect(ok(["build", "--help"])).toEqual({ command: "help", topic: "build" });
    expect(ok(["explain", "-h"])).toEqual({ command: "help", topic: "explain" });
    expect(ok(["--version"])).toEqual({ command: "version" });
  });

  it("parses build with defaults", () => {
    expect(ok(["build"])).toEqual({
      command: "build",
      inputs: [],
      out: "generated",
      check: false,
      watch: false,
      json: false,
      cache: true,
    });
    expect(ok(["build", "--no-cache"])).toMatchObject({ cache: false });
  });

  it("parses build options in both spellings", () => {
    expect(
      ok(["build", "src", "a.marrow", "--out", "gen", "--json", "--runtime-import=../runtime/index.ts"]),
    ).toEqual({
      command: "build",
      inputs: ["src", "a.marrow"],
      out: "gen",
      check: false,
      watch: false,
      json: true,
      cache: true,
      runtimeImport: "../runtime/index.ts",
    });
    expect(ok(["build", "-o", "x", "--check"])).toMatchObject({ out: "x", check: true });
    expect(ok(["build", "--out=y", "-w"])).toMatchObject({ out: "y", watch: true });
    expect(ok(["build", "--", "--weird.marrow"])).toMatchObject({ inputs: ["--weird.marrow"] });
  });

  it("parses check, fmt, explain and test", () => {
    expect(ok(["check", "x.marrow", "--json"])).toEqual({
      command: "check",
      inputs: ["x.marrow"],
      json: true,
    });
    expect(ok(["fmt", "--check"])).toEqual({ command: "fmt", inputs: [], check: true });
    expect(ok(["explain", "MRW2003"])).toEqual({ command: "explain", code: "MRW2003" });
    expect(ok(["test"])).toEqual({
      command: "test",
      names: [],
      mode: "live",
      generated: "generated",
      json: false,
    });
    expect(ok(["test", "--replay", "a", "b", "--json"])).toEqual({
      command: "test",
      names: ["a", "b"],
      mode: "replay",
      generated: "generated",
      json: true,
    });
    expect(ok(["test", "--record", "--generated", "out"])).toMatchObject({
      mode: "record",
      generated: "out",
    });
  });

  it("rejects unknown commands and options with a suggestion", () => {
    expect(err(["biuld"])).toBe("unknown command `biuld` (did you mean `build`?)");
    expect(err(["build", "--outt", "x"])).toBe(
      "unknown option `--outt` for `marrowc build` (did you mean `--out`?)",
    );
    expect(err(["check", "--watch"])).toContain("unknown option `--watch` for `marrowc check`");
    expect(err(["--frobnicate"])).toBe("unknown option `--frobnicate`");
    expect(err(["help", "nope"])).toContain("unknown command `nope`");
  });

  it("rejects missing values, repeated options and values on flags", () => {
    expect(err(["build", "--out"])).toBe("option `--out` needs a value (DIR)");
    expect(err(["build", "--out", "--json"])).toBe("option `--out` needs a value (DIR)");
    expect(err(["build", "--out="])).toBe("option `--out` needs a non-empty value");
    expect(err(["build", "--json", "--json"])).toBe("option `--json` given twice");
    expect(err(["build", "--json=yes"])).toBe("option `--json` takes no value");
  });

  it("rejects contradictory or missing arguments", () => {
    expect(err(["build", "--check", "--watch"])).toBe("`--check` and `--watch` cannot be combined");
    expect(err(["test", "--record", "--replay"])).toBe("`--record` and `--replay` cannot be combined");
    expect(err(["explain"])).toContain("exactly one code");
    expect(err(["explain", "A", "B"])).toContain("exactly one code");
  });

  it("names the command in usage errors", () => {
    const r = parseArgs(["fmt", "--json"]);
    expect(r).toMatchObject({ ok: false, command: "fmt" });
  });
});

describe("helpText", () => {
  it("lists every command and the exit codes", () => {
    const text = helpText();
    for (const c of commands) expect(text).toContain(`  ${c.name}`);
    expect(text).toContain("Exit codes: 0");
  });

  it("lists every option of a command", () => {
    for (const c of commands) {
      const text = helpText(c.name);
      expect(text).toContain(`Usage: marrowc ${c.name}`);
      for (const o of c.options) expect(text).toContain(`--${o.name}`);
    }
    expect(helpText("build")).toContain("-o, --out DIR");
  });
});
