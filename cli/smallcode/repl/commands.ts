import { didYouMean } from "../../shared/suggest.ts";
import { COMMAND_TABLE, findCommand } from "./slash/index.ts";

/** The interactive session's input: a task, or a slash command. Pure. */

/** What one input line asks for. */
export type ReplInput =
  | { readonly kind: "empty" }
  | { readonly kind: "task"; readonly text: string }
  | { readonly kind: "help" }
  | { readonly kind: "exit" }
  | { readonly kind: "undo" }
  | { readonly kind: "resume"; readonly id: string }
  | { readonly kind: "model"; readonly name?: string }
  | { readonly kind: "mcp" }
  | { readonly kind: "command"; readonly name: string; readonly arg: string }
  | { readonly kind: "invalid"; readonly message: string };

/** The slash commands with a one-line description each. */
export const SLASH_COMMANDS: readonly {
  readonly name: string;
  readonly usage: string;
  readonly description: string;
}[] = [
  { name: "help", usage: "/help", description: "show this list" },
  { name: "undo", usage: "/undo", description: "restore the files changed by the last task" },
  {
    name: "resume",
    usage: "/resume ID",
    description: "continue a saved session (`smallcode sessions` lists them)",
  },
  {
    name: "model",
    usage: "/model [NAME]",
    description: "show the model and what the server or model cache has, or switch",
  },
  { name: "mcp", usage: "/mcp", description: "list the MCP servers, their state and tools" },
  ...COMMAND_TABLE,
  {
    name: "exit",
    usage: "/exit",
    description: "leave (also /quit, /q, Ctrl-D, or Ctrl-C when no task runs)",
  },
];

const ALIASES: Readonly<Record<string, string>> = { quit: "exit", q: "exit", "?": "help" };

/** Reads one line of input. A line starting with `//` is a task that starts with `/`. */
export function parseInput(line: string): ReplInput {
  const text = line.trim();
  if (text === "") return { kind: "empty" };
  if (!text.startsWith("/") || text.startsWith("//")) {
    return { kind: "task", text: text.startsWith("//") ? text.slice(1) : text };
  }
  const [word = "", ...rest] = text.slice(1).split(/\s+/);
  const name = ALIASES[word.toLowerCase()] ?? word.toLowerCase();
  const arg = rest.join(" ").trim();
  switch (name) {
    case "help":
    case "exit":
    case "undo":
    case "mcp":
      return arg === "" ? { kind: name } : { kind: "invalid", message: `/${name} takes no argument` };
    case "resume":
      return arg === "" ? { kind: "invalid", message: "usage: /resume ID" } : { kind: "resume", id: arg };
    case "model":
      return arg === "" ? { kind: "model" } : { kind: "model", name: arg };
    default: {
      const command = findCommand(name);
      if (command) {
        if (arg !== "" && !command.takesArgument)
          return { kind: "invalid", message: `/${command.name} takes no argument` };
        return { kind: "command", name: command.name, arg };
      }
      const [best] = didYouMean(
        name,
        SLASH_COMMANDS.map((c) => c.name),
        1,
      );
      const hint = best ? ` (did you mean /${best}?)` : "";
      return {
        kind: "invalid",
        message: `unknown command /${word}${hint}; /help lists them (start with // to send a task that begins with /)`,
      };
    }
  }
}

/** The text `/help` prints. */
export function replHelp(): string {
  const width = Math.max(...SLASH_COMMANDS.map((c) => c.usage.length));
  return [
    "Type a task and press Enter. Session commands:",
    ...SLASH_COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.description}`),
    'A line `"""` starts a multi-line task, ended by another `"""`; pasted text stays one task.',
    "`@path` in a task attaches that project file (Tab completes paths).",
    "Ctrl-C cancels the running task; a second Ctrl-C exits. Tab completes commands.",
    "",
  ].join("\n");
}

/** Tab completion for readline: slash command names matching the start of the line. */
export function completeSlash(line: string): [string[], string] {
  if (!line.startsWith("/") || line.startsWith("//") || /\s/.test(line)) return [[], line];
  const names = [...SLASH_COMMANDS.map((c) => c.name), "quit", "q"].map((n) => `/${n}`);
  const hits = names.filter((n) => n.startsWith(line.toLowerCase()));
  return [hits.length > 0 ? hits : [], line];
}
