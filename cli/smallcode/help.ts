import { type CommandName, commandDef, commands } from "./args.ts";
import { SLASH_COMMANDS } from "./repl/commands.ts";

/** Help texts of `smallcode`, built from the option table in `args.ts`. Pure. */

const CONFIRMATION =
  "Confirmation: on a terminal, a destructive command (deleting the project, `git reset --hard`, a force\n" +
  "push, …) is shown with why it is dangerous and runs only after you answer y. With --yes nobody is\n" +
  "asked, and destructive commands are refused unless [shell] allow_destructive names them; without a\n" +
  "terminal (a pipe, `smallcode run`) they are refused too. Escalation without asking needs --escalate.";

const FACES =
  "On a terminal the session is fullscreen: answers as they stream, a row per tool call, a diff after\n" +
  "each edit, and a status line with the model, the endpoint, the context used, the step and the time\n" +
  "(Ctrl-O shows the output of the tool row marked ▸, the newest unless Alt-Up/Alt-Down or Ctrl-P/Ctrl-N\n" +
  "moved the mark; Alt-O opens or closes every row; Ctrl-T the model's reasoning; Ctrl-Z suspends).\n" +
  "--classic, or stdout not a terminal, TERM=dumb or CI set, prints line by line instead.\n" +
  "NO_COLOR=1 or --no-color: no colours anywhere.";

const EXIT_CODES = "Exit codes: 0 success, 1 the run did not succeed, 2 bad usage or configuration.";

const CONFIG_ORDER =
  "Configuration: flags, then environment (SMALLCODE_BASE_URL, SMALLCODE_MODEL, …), then .env and\n" +
  "smallcode.toml in the project, then ~/.config/smallcode/config.toml. `smallcode doctor` shows the result.";

/** The options of a command, one per line, aligned. */
function optionLines(name: CommandName): string[] {
  const flags = commandDef(name).options.map((o) => {
    const short = o.short ? `-${o.short}, ` : "    ";
    return { flag: `${short}--${o.name}${o.value ? ` ${o.value}` : ""}`, description: o.description };
  });
  const width = Math.max(0, ...flags.map((f) => f.flag.length));
  return flags.map((f) => `  ${f.flag.padEnd(width)}  ${f.description}`);
}

/** The interactive session's slash commands, aligned. */
function slashLines(): string[] {
  const width = Math.max(...SLASH_COMMANDS.map((c) => c.usage.length));
  return SLASH_COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.description}`);
}

/** The overview without a topic, or one command's usage and options. */
export function helpText(topic?: CommandName): string {
  if (topic === undefined) {
    const shown = commands.filter((c) => c.name !== "interactive");
    const width = Math.max(...shown.map((c) => c.name.length));
    return [
      "smallcode — a coding agent for small local models",
      "",
      "Usage:",
      "  smallcode [options]                 interactive session",
      '  smallcode run "<task>" [options]    run one task (also: smallcode -p "<task>")',
      "  smallcode <command> [options]",
      "",
      "Commands:",
      ...shown.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      "",
      "Options of the interactive session (`smallcode [options]`):",
      ...optionLines("interactive"),
      "",
      "In the session, a line is a task; these commands are typed instead:",
      ...slashLines(),
      "",
      FACES,
      "",
      "Run `smallcode <command> --help` for a command's options (`smallcode run --help` for a task's).",
      CONFIG_ORDER,
      CONFIRMATION,
      EXIT_CODES,
      "",
    ].join("\n");
  }
  const def = commandDef(topic);
  const flags = optionLines(topic);
  const usage = topic === "interactive" ? "smallcode [options]" : `smallcode ${def.name} ${def.positional}`;
  return [
    `${topic === "interactive" ? "smallcode" : `smallcode ${def.name}`} — ${def.summary}`,
    "",
    `Usage: ${usage.trimEnd()}${flags.length > 0 ? " [options]" : ""}`,
    "",
    def.details,
    ...(flags.length > 0 ? ["", "Options:", ...flags] : []),
    ...(topic === "interactive" || topic === "run" ? ["", CONFIRMATION] : []),
    "",
  ].join("\n");
}
