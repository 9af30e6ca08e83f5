import { relative, resolve } from "node:path";
import { parseCommands, type SimpleCommand } from "../tools/shell-words.ts";
import { redirectTargets } from "./confine.ts";
import type { CommandPlace, Danger } from "./destructive.ts";
import { expandPath } from "./paths.ts";

/**
 * Command shapes whose effect cannot be read from their text: code built or decoded at run time
 * (`$(…)`, backticks, `base64 -d | sh`), inline interpreter code (`python -c`, `node -e`, `bash -c`,
 * `eval`), scripts the model just wrote, shell functions and git aliases. No parser of command text
 * can tell what these do, so where the sandbox does not protect the snapshots and `.git` by
 * construction they need the user's confirmation (and are refused under `--yes`).
 */

const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh", "mksh", "fish", "busybox"]);
/** Interpreters and the flags that take inline code. */
const INLINE: Readonly<Record<string, readonly string[]>> = {
  python: ["-c"],
  node: ["-e", "--eval", "-p", "--print"],
  nodejs: ["-e", "--eval", "-p", "--print"],
  deno: ["eval"],
  bun: ["-e", "--eval", "-p", "--print"],
  perl: ["-e", "-E"],
  ruby: ["-e"],
  php: ["-r"],
  lua: ["-e"],
  Rscript: ["-e"],
  osascript: ["-e"],
  tclsh: [],
  pwsh: ["-c", "-Command"],
};
/** Subcommands git runs itself; anything else is an alias or an extension (`git-foo`). */
const GIT_BUILTINS = new Set(
  (
    "add am annotate apply archive bisect blame branch bundle cat-file check-attr check-ignore check-mailmap " +
    "check-ref-format checkout checkout-index cherry cherry-pick clean clone commit commit-graph commit-tree config " +
    "count-objects describe diff diff-files diff-index diff-tree difftool fetch for-each-ref format-patch fsck gc " +
    "grep hash-object help init log ls-files ls-remote ls-tree merge merge-base merge-file mktree mv name-rev notes " +
    "pull push range-diff read-tree rebase reflog remote repack replace reset restore rev-list rev-parse revert rm " +
    "shortlog show show-branch show-ref sparse-checkout stash status submodule switch symbolic-ref tag update-index " +
    "update-ref var verify-commit verify-tag version whatchanged worktree write-tree maintenance lfs"
  ).split(" "),
);

/** The interpreter family of a program name (`python3.12` → `python`), or null. */
function interpreter(program: string): string | null {
  const base = program.replace(/[\d.]+$/, "");
  return base in INLINE ? base : null;
}

/** Whether a flag cluster holds `flag` (`-ec` holds `-c`; long flags compare whole). */
function hasFlag(args: readonly string[], flag: string): boolean {
  return args.some((a) =>
    flag.length === 2 && /^-[a-zA-Z]+$/.test(a)
      ? a.includes(flag[1]!)
      : a === flag || a.startsWith(`${flag}=`),
  );
}

/** The script file an interpreter or shell runs (its first non-flag argument), or undefined. */
function scriptArg(c: SimpleCommand): string | undefined {
  for (let i = 0; i < c.args.length; i++) {
    const a = c.args[i]!;
    if (a === "-m" || a === "-c" || a === "-e") return undefined; // a module or inline code
    if (!a.startsWith("-")) return a;
  }
  return undefined;
}

/**
 * `line` without here-document bodies: all of them (`code`: for the function check), or only those
 * with a quoted delimiter, whose body bash does not expand (for the substitution check).
 */
function withoutHeredocs(line: string, onlyQuoted: boolean): string {
  const lines = line.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    out.push(l);
    for (const m of l.matchAll(/<<-?\s*(['"]?)([A-Za-z_][\w.-]*)\1/g)) {
      const quoted = m[1] !== "";
      let j = i + 1;
      while (j < lines.length && lines[j]!.replace(/^\t+/, "") !== m[2]) j++;
      if (quoted || !onlyQuoted) i = j;
    }
  }
  return out.join("\n");
}

const opaque = (rule: string, command: string, reason: string): Danger => ({
  rule,
  command,
  reason,
  opaque: true,
});

function shown(c: SimpleCommand): string {
  return [c.program, ...c.args].join(" ").slice(0, 200);
}

/**
 * Every opaque shape of `line`.
 * @param written project-relative paths the task created or changed (scripts the model just wrote)
 */
export function findOpaque(
  line: string,
  where: CommandPlace,
  written: ReadonlySet<string> = new Set(),
): Danger[] {
  const out: Danger[] = [];
  const unquoted = withoutHeredocs(line, true).replace(/'[^']*'/g, "''");
  const code = withoutHeredocs(line, false).replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, "''");
  const subst = /\$\((?!\()(?!\s*pwd\s*\))|`(?!\s*pwd\s*`)|[<>]\(/.exec(unquoted);
  if (subst)
    out.push(
      opaque(
        "opaque-substitution",
        subst[0],
        "builds a command at run time ($(…), backticks), which cannot be checked before it runs",
      ),
    );
  const fn = /(^|[\s;&|(){}])(function\s+[A-Za-z_][\w.:-]*|[A-Za-z_][\w.:-]*\s*\(\s*\)\s*[{(])/.exec(code);
  if (fn)
    out.push(
      opaque(
        "opaque-function",
        fn[2]!.trim(),
        "defines a shell function, which later commands can call unchecked",
      ),
    );

  const inProject = (word: string): string | null => {
    const expanded = expandPath(word);
    if (expanded === null) return null;
    const rel = relative(where.root, resolve(where.cwd, expanded));
    return rel.startsWith("..") ? null : rel;
  };
  // files this very line writes count as written too (`printf … > wipe.sh && bash wipe.sh`)
  const writtenNow = new Set(written);
  const lineWrites = [
    ...redirectTargets(line),
    ...parseCommands(line).flatMap((c) =>
      ["tee", "cp", "mv", "install", "ln"].includes(c.program) ? c.args : [],
    ),
  ];
  for (const target of lineWrites) {
    const rel = inProject(target);
    if (rel !== null) writtenNow.add(rel);
  }
  const wrote = (word: string | undefined) => {
    if (word === undefined) return false;
    const rel = inProject(word);
    return rel !== null && writtenNow.has(rel);
  };

  for (const c of parseCommands(line)) {
    const p = c.program;
    const lang = interpreter(p);
    if (/[$`]/.test(p))
      out.push(opaque("opaque-program", shown(c), "runs a program named by a variable or substitution"));
    else if (["eval", "source", ".", "alias", "trap"].includes(p))
      out.push(opaque("opaque-eval", shown(c), `runs code given as text (\`${p}\`)`));
    else if (SHELLS.has(p) && hasFlag(c.args, "-c"))
      out.push(opaque("opaque-shell-c", shown(c), `runs a command line given as text (\`${p} -c\`)`));
    else if (lang && INLINE[lang]!.some((f) => (f.startsWith("-") ? hasFlag(c.args, f) : c.args[0] === f)))
      out.push(
        opaque(
          "opaque-inline-code",
          shown(c),
          `runs inline ${lang} code, which cannot be checked before it runs`,
        ),
      );
    else if (
      (SHELLS.has(p) || lang) &&
      c.stdinRedirected &&
      (scriptArg(c) === undefined || scriptArg(c) === "-")
    )
      out.push(opaque("opaque-pipe-to-shell", shown(c), `runs code piped or redirected into \`${p}\``));
    else if ((SHELLS.has(p) || lang) && wrote(scriptArg(c)))
      out.push(opaque("opaque-script", shown(c), "runs a script written during this task"));
    else if ([...writtenNow].some((w) => w === p || w.endsWith(`/${p}`)))
      out.push(opaque("opaque-script", shown(c), "runs a script written during this task"));
    else if (
      ["awk", "gawk", "mawk", "nawk"].includes(p) &&
      c.args.some((a) => /system\s*\(|\|\s*"|"\s*\|/.test(a))
    )
      out.push(opaque("opaque-inline-code", shown(c), "runs shell commands from awk code"));
    else if (
      p === "find" &&
      c.args.some(
        (a, i) =>
          /^-(exec|execdir|ok|okdir)$/.test(a) &&
          (SHELLS.has(c.args[i + 1] ?? "") || interpreter(c.args[i + 1] ?? "")),
      )
    )
      out.push(opaque("opaque-shell-c", shown(c), "runs a shell or interpreter on every file found"));
    else if (p === "git") {
      const danger = gitOpaque(c);
      if (danger) out.push(danger);
    }
  }
  return out;
}

/** A git alias, an extension, or configuration that runs commands. */
function gitOpaque(c: SimpleCommand): Danger | null {
  let i = 0;
  while (i < c.args.length && c.args[i]!.startsWith("-")) {
    const a = c.args[i]!;
    if (a === "-c" || a.startsWith("--config-env"))
      return opaque(
        "opaque-git-alias",
        shown(c),
        "sets git configuration for one command (it can define aliases and hooks)",
      );
    i += a === "-C" || a === "--git-dir" || a === "--work-tree" || a === "--namespace" ? 2 : 1;
  }
  const sub = c.args[i];
  if (sub === undefined) return null;
  if (!GIT_BUILTINS.has(sub))
    return opaque("opaque-git-alias", shown(c), `runs \`git ${sub}\`, a git alias or extension`);
  if (sub === "config") {
    const rest = c.args.slice(i + 1).filter((a) => !a.startsWith("-"));
    const key = rest[0] ?? "";
    if (
      rest.length >= 2 &&
      /^(alias\.|core\.|include|.*\.(command|cmd|program|textconv|process|clean|smudge|editor|pager|hookspath)$)/i.test(
        key,
      )
    )
      return opaque("opaque-git-alias", shown(c), `sets \`${key}\`, which makes git run commands`);
  }
  return null;
}
