import { describe, expect, it } from "vitest";
import { commands, parseArgs } from "../../../cli/smallcode/args.ts";
import { helpText } from "../../../cli/smallcode/help.ts";

const ok = (argv: string[]) => {
  const r = parseArgs(argv);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const err = (argv: string[]) => {
  const r = parseArgs(argv);
  if (r.ok) throw new Error(`parsed: ${JSON.stringify(r.value)}`);
  return r.error;
};

describe("parseArgs", () => {
  it("starts an interactive session without a command, with the run options", () => {
    expect(ok([])).toEqual({ command: "interactive", flags: {} });
    expect(ok(["--model", "qwen", "--yes", "--no-color", "--resume", "abc"])).toEqual({
      command: "interactive",
      flags: { model: "qwen", yes: true, color: false, resume: "abc" },
    });
  });

  it("parses a one-shot run with every option", () => {
    expect(
      ok([
        "run",
        "add a --verbose flag",
        "--json",
        "--cwd",
        "proj",
        "--base-url=http://h:1/v1",
        "-m",
        "small",
        "--model-strong",
        "big",
        "--api-key-env",
        "MY_KEY",
        "-y",
        "--max-steps",
        "12",
        "--routing",
        "all",
        "--context-window",
        "8192",
      ]),
    ).toEqual({
      command: "run",
      task: "add a --verbose flag",
      json: true,
      flags: {
        cwd: "proj",
        baseUrl: "http://h:1/v1",
        model: "small",
        modelStrong: "big",
        apiKeyEnv: "MY_KEY",
        yes: true,
        maxSteps: 12,
        routing: "all",
        contextWindow: 8192,
      },
    });
  });

  it("joins the words of an unquoted task and reads tasks after --", () => {
    expect(ok(["run", "fix", "the", "bug"])).toMatchObject({ command: "run", task: "fix the bug" });
    expect(ok(["run", "--", "--weird task"])).toMatchObject({ task: "--weird task" });
  });

  it("treats -p TASK as a one-shot run, even when the task starts with a dash", () => {
    expect(ok(["-p", "write tests", "--json"])).toEqual({
      command: "run",
      task: "write tests",
      json: true,
      flags: {},
    });
    expect(ok(["--print", "-v flag please"])).toMatchObject({ command: "run", task: "-v flag please" });
    expect(err(["-p", "x", "extra"])).toContain("unexpected argument `extra`");
  });

  it("parses eval, sessions, doctor, bench, help and version", () => {
    expect(ok(["eval", "classify_accuracy", "--replay"])).toEqual({
      command: "eval",
      names: ["classify_accuracy"],
      mode: "replay",
      json: false,
      flags: {},
    });
    expect(ok(["eval", "--record", "--model", "m"])).toMatchObject({
      mode: "record",
      names: [],
      flags: { model: "m" },
    });
    expect(ok(["sessions", "--json"])).toEqual({ command: "sessions", json: true, flags: {} });
    expect(ok(["doctor", "--base-url", "http://x/v1"])).toEqual({
      command: "doctor",
      json: false,
      flags: { baseUrl: "http://x/v1" },
    });
    expect(ok(["bench", "--sim", "--anything"])).toEqual({ command: "bench", argv: ["--sim", "--anything"] });
    expect(ok(["--help"])).toEqual({ command: "help" });
    expect(ok(["help", "run"])).toEqual({ command: "help", topic: "run" });
    expect(ok(["run", "--help"])).toEqual({ command: "help", topic: "run" });
    expect(ok(["--version"])).toEqual({ command: "version" });
    expect(ok(["-V"])).toEqual({ command: "version" });
  });

  it("explains usage errors with a suggestion", () => {
    expect(err(["doctr"])).toBe("unknown command `doctr` (did you mean `doctor`?)");
    expect(err(["fix the bug"])).toBe(
      'unknown command `fix the bug` (to run a task: `smallcode run "fix the bug"`)',
    );
    // no task: read from stdin (main() says "needs a task" when stdin is a terminal)
    expect(ok(["run"])).toMatchObject({ command: "run", task: "", stdin: "piped" });
    expect(ok(["run", "-"])).toMatchObject({ command: "run", task: "", stdin: "always" });
    expect(ok(["-p", "-"])).toMatchObject({ command: "run", task: "", stdin: "always" });
    expect(err(["run", "x", "--modle", "m"])).toBe(
      "unknown option `--modle` for `smallcode run` (did you mean `--model`?)",
    );
    expect(err(["run", "x", "--max-steps", "ten"])).toBe(
      "option `--max-steps` needs a positive whole number, got `ten`",
    );
    expect(err(["run", "x", "--max-steps", "0"])).toContain("positive whole number");
    expect(err(["run", "x", "--routing", "two"])).toBe(
      "option `--routing` must be one of two-stage, all, got `two` (did you mean `two-stage`?)",
    );
    expect(err(["run", "x", "--model"])).toBe("option `--model` needs a value (NAME)");
    expect(err(["run", "x", "--model", "--yes"])).toBe("option `--model` needs a value (NAME)");
    expect(err(["run", "x", "--yes=1"])).toBe("option `--yes` takes no value");
    expect(err(["run", "x", "-y", "--yes"])).toBe("option `--yes` given twice");
    expect(err(["eval", "--record", "--replay"])).toBe("`--record` and `--replay` cannot be combined");
    expect(err(["doctor", "now"])).toContain("takes no arguments");
    expect(err(["--json"])).toContain("`--json` needs a task");
    expect(err(["help", "nope"])).toContain("unknown command `nope`");
    expect(parseArgs(["run", "--bogus"])).toMatchObject({ ok: false, command: "run" });
  });

  it("is pure: the same argv gives the same value", () => {
    const argv = ["run", "t", "--model", "m"];
    expect(parseArgs(argv)).toEqual(parseArgs([...argv]));
    expect(argv).toEqual(["run", "t", "--model", "m"]);
  });
});

describe("helpText", () => {
  it("lists every command, the configuration order and the exit codes", () => {
    const text = helpText();
    for (const c of commands.filter((c) => c.name !== "interactive")) expect(text).toContain(`  ${c.name}`);
    expect(text).toContain("Exit codes: 0 success, 1 the run did not succeed, 2 bad usage or configuration.");
    expect(text).toContain("~/.config/smallcode/config.toml");
    // the interactive session's options and slash commands, which have no command of their own
    const session = text.slice(text.indexOf("Options of the interactive session (`smallcode [options]`):"));
    expect(session).toMatch(/-p, --print TASK\s+run one task and exit/);
    expect(session).toMatch(/--resume ID\s+continue a saved session/);
    expect(session).toMatch(/\/undo\s+restore the files changed by the last task/);
  });

  it("shows each command's options from the table", () => {
    const run = helpText("run");
    expect(run).toContain('Usage: smallcode run "<task>" [options]');
    expect(run).toMatch(/-m, --model NAME\s+model name/);
    expect(run).toMatch(/--routing MODE/);
    expect(helpText("interactive")).toContain("Usage: smallcode [options]");
    expect(helpText("bench")).toContain("Usage: smallcode bench [args…]");
  });
});
