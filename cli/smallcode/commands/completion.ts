import { type CommandDef, commandNames, commands, type OptionDef, type Shell } from "../args.ts";

/**
 * `smallcode completion bash|zsh|fish`: a completion script for the shell, written from the option
 * table in `args.ts`, so a new command or option completes without touching this file. Values
 * complete where the table knows them: `--routing` from its choices, `--cwd` as a directory, a
 * `PATH` value (`--model-file`) as a file, `--resume` from the session files in
 * `.smallcode/sessions/`. Pure.
 */

/** The completion script for `shell`. */
export function completionScript(shell: Shell): string {
  switch (shell) {
    case "bash":
      return bashScript();
    case "zsh":
      return zshScript();
    case "fish":
      return fishScript();
  }
}

/** Every command a user types (`help` too), each with its definition. */
function typed(): { name: string; def: CommandDef }[] {
  return commandNames().map((name) => ({ name, def: commands.find((c) => c.name === name)! }));
}

const interactive = (): CommandDef => commands.find((c) => c.name === "interactive")!;

const flagsOf = (def: CommandDef): string[] =>
  def.options.flatMap((o) => [`--${o.name}`, ...(o.short ? [`-${o.short}`] : [])]);

/** How an option's value completes: nothing (a flag), a word list, a directory, a file, a session id, or free text. */
function valueKind(o: OptionDef): "none" | "choices" | "dir" | "file" | "session" | "free" {
  if (o.type === "boolean") return "none";
  if (o.choices) return "choices";
  if (o.name === "cwd") return "dir";
  if (o.value === "PATH") return "file";
  if (o.name === "resume") return "session";
  return "free";
}

/** Every option with a value, across the commands, by flag (`--model`, `-m`). */
function valueOptions(): Map<string, OptionDef> {
  const out = new Map<string, OptionDef>();
  for (const def of commands)
    for (const o of def.options) {
      if (valueKind(o) === "none") continue;
      out.set(`--${o.name}`, o);
      if (o.short) out.set(`-${o.short}`, o);
    }
  return out;
}

function bashScript(): string {
  const names = [...commandNames(), "help"];
  const cases = typed().map(({ name, def }) => `    ${name}) opts="${flagsOf(def).join(" ")}" ;;`);
  const values = [...valueOptions()].map(([flag, o]) => {
    const kind = valueKind(o);
    const reply =
      kind === "choices"
        ? `COMPREPLY=($(compgen -W "${o.choices!.join(" ")}" -- "$cur"))`
        : kind === "dir"
          ? `COMPREPLY=($(compgen -d -- "$cur"))`
          : kind === "file"
            ? `COMPREPLY=($(compgen -f -- "$cur"))`
            : kind === "session"
              ? `COMPREPLY=($(compgen -W "$(_smallcode_sessions)" -- "$cur"))`
              : "COMPREPLY=()";
    return `    ${flag}) ${reply}; return ;;`;
  });
  return `# bash completion for smallcode (written by \`smallcode completion bash\`)
_smallcode_sessions() {
  local f
  for f in .smallcode/sessions/*.json; do [ -e "$f" ] && basename "$f" .json; done
}

_smallcode() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" i opts
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${names.join("|")}) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  [ "$cmd" = bench ] && return
  case "$prev" in
${values.join("\n")}
  esac
  if [ "$cmd" = completion ]; then
    COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur"))
    return
  fi
  if [ "$cmd" = help ]; then
    COMPREPLY=($(compgen -W "${commandNames().join(" ")}" -- "$cur"))
    return
  fi
  case "$cmd" in
${cases.join("\n")}
    *) opts="${flagsOf(interactive()).join(" ")}" ;;
  esac
  if [ -z "$cmd" ] && [[ "$cur" != -* ]]; then
    COMPREPLY=($(compgen -W "${names.join(" ")}" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  fi
}

complete -F _smallcode smallcode
`;
}

/** Text safe inside a single-quoted zsh word. */
const zshQuoted = (text: string): string => text.replace(/`/g, "").replace(/'/g, "'\\''");

/** Text safe inside an `_arguments` description (`[…]`): no brackets, colons escaped. */
const zshText = (text: string): string => zshQuoted(text.replace(/[[\]]/g, "")).replace(/:/g, "\\:");

function zshSpecs(def: CommandDef): string[] {
  return def.options.map((o) => {
    const kind = valueKind(o);
    const value =
      kind === "none"
        ? ""
        : kind === "choices"
          ? `:${o.value ?? "value"}:(${o.choices!.join(" ")})`
          : kind === "dir"
            ? `:${o.value ?? "dir"}:_files -/`
            : kind === "file"
              ? `:${o.value ?? "file"}:_files`
              : kind === "session"
                ? `:session:_smallcode_sessions`
                : `:${o.value ?? "value"}:`;
    const text = `[${zshText(o.description)}]${value}'`;
    // `(-m --model)` keeps the other spelling from being offered once one is given.
    return o.short ? `'(-${o.short} --${o.name})'{-${o.short},--${o.name}}'${text}` : `'--${o.name}${text}`;
  });
}

function zshScript(): string {
  const described = typed().map(({ name, def }) => `    '${name}:${zshQuoted(def.summary)}'`);
  const cases = typed()
    .filter(({ name }) => name !== "bench" && name !== "completion")
    .map(({ name, def }) => `    ${name}) _arguments ${zshSpecs(def).join(" ")} '*: :' ;;`);
  return `#compdef smallcode
# zsh completion for smallcode (written by \`smallcode completion zsh\`)

_smallcode_sessions() {
  local -a ids
  ids=(.smallcode/sessions/*.json(N:t:r))
  compadd -a ids
}

_smallcode() {
  local -a cmds
  cmds=(
${described.join("\n")}
    'help:show help for a command'
  )
  if (( CURRENT == 2 )) && [[ $words[2] != -* ]]; then
    _describe -t commands 'smallcode command' cmds
    return
  fi
  case $words[2] in
${cases.join("\n")}
    completion) _values 'shell' bash zsh fish ;;
    help) _describe -t commands 'smallcode command' cmds ;;
    bench) _files ;;
    *) _arguments ${zshSpecs(interactive()).join(" ")} ;;
  esac
}

if [ "$funcstack[1]" = "_smallcode" ]; then
  _smallcode "$@"
elif (( $+functions[compdef] )); then
  compdef _smallcode smallcode
fi
`;
}

/** Text safe inside a fish single-quoted word. */
const fishText = (text: string): string => text.replace(/\\/g, "\\\\").replace(/'/g, "\\'");

function fishLines(def: CommandDef, condition: string): string[] {
  return def.options.map((o) => {
    const kind = valueKind(o);
    const short = o.short ? ` -s ${o.short}` : "";
    const value =
      kind === "none"
        ? ""
        : kind === "choices"
          ? ` -x -a '${o.choices!.join(" ")}'`
          : kind === "dir"
            ? " -x -a '(__fish_complete_directories)'"
            : kind === "file"
              ? " -r -F"
              : kind === "session"
                ? " -x -a '(__smallcode_sessions)'"
                : " -r";
    return `complete -c smallcode -n '${condition}'${short} -l ${o.name}${value} -d '${fishText(o.description)}'`;
  });
}

function fishScript(): string {
  const names = commandNames();
  const subcommands = typed().map(
    ({ name, def }) =>
      `complete -c smallcode -n __fish_use_subcommand -a ${name} -d '${fishText(def.summary)}'`,
  );
  const perCommand = typed()
    .filter(({ name }) => name !== "bench" && name !== "completion")
    .flatMap(({ name, def }) => fishLines(def, `__fish_seen_subcommand_from ${name}`));
  return `# fish completion for smallcode (written by \`smallcode completion fish\`)
function __smallcode_sessions
    for f in .smallcode/sessions/*.json
        basename $f .json
    end
end

complete -c smallcode -f
${subcommands.join("\n")}
complete -c smallcode -n __fish_use_subcommand -a help -d 'show help for a command'
complete -c smallcode -n '__fish_seen_subcommand_from help' -a '${names.join(" ")}'
complete -c smallcode -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'
${fishLines(interactive(), "__fish_use_subcommand").join("\n")}
${perCommand.join("\n")}
`;
}
