import { parseCommands, type SimpleCommand } from "../tools/shell-words.ts";
import { redirectTargets } from "./confine.ts";
import { placeOf } from "./paths.ts";
import { expandPwd, wholesaleTarget } from "./wholesale.ts";

/**
 * Destructive commands: what cannot be taken back by a snapshot (it reaches outside the project, the
 * git history or the world) and so needs the user's confirmation. One table; each rule has an id
 * (usable in `allow_destructive`) and says what the command would do.
 */

/** A destructive command found in a command line. */
export interface Danger {
  /** Rule id, e.g. `git-reset-hard`. */
  readonly rule: string;
  /** The simple command as written (program and arguments). */
  readonly command: string;
  /** What it would do, for the confirmation prompt and the refusal. */
  readonly reason: string;
  /**
   * True for a shape that cannot be judged before it runs (code built at run time, a script): only
   * asked about where the sandbox does not protect the snapshots and `.git` (see `opaque.ts`).
   */
  readonly opaque?: boolean;
}

/** Where the command runs. */
export interface CommandPlace {
  /** The project root (absolute). */
  readonly root: string;
  /** The shell's working directory (absolute). */
  readonly cwd: string;
}

interface Rule {
  readonly id: string;
  readonly reason: string;
  readonly match: (c: SimpleCommand, where: CommandPlace) => boolean;
}

const flags = (c: SimpleCommand) => c.args.filter((a) => a.startsWith("-"));
const positional = (c: SimpleCommand) => c.args.filter((a) => !a.startsWith("-"));
/**
 * Whether a short-flag cluster or long flag is present: `has(c, "r", "--recursive")`. A long flag may
 * be abbreviated (`--forc`, `--har`, `--rec`), as git and GNU tools accept any unambiguous prefix.
 */
function has(c: SimpleCommand, short: string, ...long: string[]): boolean {
  return flags(c).some((f) => {
    const name = f.split("=")[0]!;
    return (
      long.some(
        (l) =>
          f === l ||
          f.startsWith(`${l}=`) ||
          (name.length >= 3 && name.startsWith("--") && l.startsWith(name)),
      ) ||
      (short !== "" && /^-[^-]/.test(f) && f.includes(short))
    );
  });
}

/** What a command's path arguments would destroy wholesale (`wholesale.ts`), or null. */
function wholesale(paths: readonly string[], w: CommandPlace): string | null {
  for (const p of paths) {
    const what = wholesaleTarget(p, w);
    if (what) return what;
  }
  return null;
}

/** `find`'s start paths (the words before its expression), `.` when there are none. */
function findStarts(c: SimpleCommand): string[] {
  const i = c.args.findIndex((a) => /^[-!(]/.test(a));
  const starts = c.args.slice(0, i === -1 ? c.args.length : i);
  return starts.length > 0 ? starts : ["."];
}

/** Programs `find -exec` may run without changing anything. */
const READ_ONLY_EXEC = new Set([
  "grep",
  "egrep",
  "fgrep",
  "cat",
  "head",
  "tail",
  "wc",
  "ls",
  "file",
  "stat",
  "echo",
  "printf",
  "md5sum",
  "sha256sum",
  "du",
]);

/** Whether a `find` deletes or changes what it finds, with a filter that cannot spare `.git`. */
function findDestroys(c: SimpleCommand, w: CommandPlace): boolean {
  const a = c.args;
  const execs = a.flatMap((x, i) => (/^-(exec|execdir|ok|okdir)$/.test(x) ? [a[i + 1] ?? ""] : []));
  const destroys = a.includes("-delete") || execs.some((p) => !READ_ONLY_EXEC.has(p.replace(/^.*\//, "")));
  if (!destroys) return false;
  const broad = findStarts(c).some((s) => {
    const place = placeOf(expandPwd(s, w.cwd), w.root, w.cwd);
    return place === "root" || place === "unknown" || wholesaleTarget(s, w) !== null;
  });
  if (!broad) return false;
  // from the root: safe only when every name filter spares .git and .smallcode, with no `-o` / `!`
  const names = a.flatMap((x, i) =>
    /^-(i?name|i?path|i?wholename|i?regex)$/.test(x) ? [a[i + 1] ?? "*"] : [],
  );
  if (names.length === 0 || a.some((x) => ["-o", "-or", "!", "-not", ","].includes(x))) return true;
  return names.some((n) => wholesaleTarget(n.replace(/^\.\//, ""), w) !== null || /\.git|smallcode/.test(n));
}

function gitSub(c: SimpleCommand): { sub: string; rest: SimpleCommand } {
  let i = 0;
  while (i < c.args.length && c.args[i]!.startsWith("-")) i += ["-C", "-c"].includes(c.args[i]!) ? 2 : 1;
  return { sub: c.args[i] ?? "", rest: { ...c, args: c.args.slice(i + 1) } };
}

const git = (sub: string | readonly string[], test: (rest: SimpleCommand) => boolean = () => true) => {
  const subs = typeof sub === "string" ? [sub] : sub;
  return (c: SimpleCommand) => {
    if (c.program !== "git") return false;
    const g = gitSub(c);
    return subs.includes(g.sub) && test(g.rest);
  };
};

/** The table, most specific first. */
export const DESTRUCTIVE_RULES: readonly Rule[] = [
  {
    id: "rm-outside",
    reason: "deletes files outside the project",
    match: (c, w) =>
      ["rm", "rmdir", "shred", "unlink"].includes(c.program) &&
      positional(c).some((p) => {
        const place = placeOf(p, w.root, w.cwd);
        return place === "outside" || (place === "unknown" && (has(c, "r", "--recursive") || has(c, "R")));
      }),
  },
  {
    id: "rm-project",
    reason: "deletes the whole project, its git history or SmallCode's snapshots",
    match: (c, w) =>
      ["rm", "rmdir", "shred", "unlink", "trash", "trash-put", "gio"].includes(c.program) &&
      (positional(c).some((p) => placeOf(expandPwd(p, w.cwd), w.root, w.cwd) === "root") ||
        wholesale(positional(c), w) !== null),
  },
  {
    id: "rm-piped",
    reason: "deletes files named by another command's output, which cannot be checked before it runs",
    match: (c) =>
      c.wrappers.includes("xargs") && ["rm", "rmdir", "shred", "unlink", "mv"].includes(c.program),
  },
  {
    id: "find-delete",
    reason: "deletes or changes files across the whole project, .git included",
    match: (c, w) => c.program === "find" && findDestroys(c, w),
  },
  {
    id: "mv-project",
    reason: "moves the whole project, its git history or SmallCode's snapshots away",
    match: (c, w) => {
      if (c.program !== "mv") return false;
      const pos = positional(c);
      return wholesale(has(c, "t", "--target-directory") ? pos : pos.slice(0, -1), w) !== null;
    },
  },
  {
    id: "state-write",
    reason: "writes into .git (hooks run later, outside any sandbox) or SmallCode's snapshots",
    match: (c, w) => {
      const pos = positional(c);
      const targets = ["cp", "ln", "install", "rsync", "mv"].includes(c.program)
        ? has(c, "t", "--target-directory")
          ? pos
          : pos.slice(-1)
        : ["tee", "touch", "truncate", "mkdir", "dd"].includes(c.program) ||
            (c.program === "sed" && has(c, "i", "--in-place"))
          ? pos.map((p) => p.replace(/^of=/, ""))
          : [];
      return targets.some((p) => {
        const what = wholesaleTarget(p, w);
        return what !== null && what !== "the whole project";
      });
    },
  },
  {
    id: "permissions-project",
    reason: "changes permissions of the whole project or of .git (it may become unreadable)",
    match: (c, w) =>
      ["chmod", "chown", "chgrp", "chattr", "setfacl"].includes(c.program) &&
      c.args
        .filter((a) => !/^-[RfvchH]+$/.test(a) && !a.startsWith("--"))
        .slice(1)
        .some(
          (p) => placeOf(expandPwd(p, w.cwd), w.root, w.cwd) === "root" || wholesaleTarget(p, w) !== null,
        ),
  },
  {
    id: "git-push-force",
    reason: "overwrites history on the remote (force push)",
    match: git(
      "push",
      (r) =>
        has(r, "f", "--force", "--force-with-lease", "--mirror") || r.args.some((a) => a.startsWith("+")),
    ),
  },
  {
    id: "git-push-delete",
    reason: "deletes branches or tags on the remote",
    match: git("push", (r) => has(r, "d", "--delete", "--prune") || r.args.some((a) => /^:[^/]/.test(a))),
  },
  {
    id: "git-reset-hard",
    reason: "discards all uncommitted changes",
    match: git("reset", (r) => has(r, "", "--hard", "--merge", "--keep")),
  },
  {
    id: "git-clean",
    reason: "deletes untracked files for good",
    match: git("clean", (r) => has(r, "f", "--force")),
  },
  {
    id: "git-discard",
    reason: "discards uncommitted changes to files",
    match: (c) =>
      git("checkout", (r) => r.args.includes("--") || r.args.includes(".") || has(r, "f", "--force"))(c) ||
      git("restore", (r) => !has(r, "S", "--staged") || has(r, "W", "--worktree"))(c) ||
      git("stash", (r) => ["drop", "clear"].includes(positional(r)[0] ?? ""))(c),
  },
  {
    id: "git-history",
    reason: "deletes or rewrites git history",
    match: (c) =>
      git("branch", (r) => r.args.includes("-D") || (has(r, "d", "--delete") && has(r, "f", "--force")))(c) ||
      git(["filter-branch", "filter-repo"])(c) ||
      git("reflog", (r) => ["expire", "delete"].includes(positional(r)[0] ?? ""))(c) ||
      git("update-ref", (r) => has(r, "d"))(c) ||
      git("gc", (r) => r.args.some((a) => a.startsWith("--prune")))(c),
  },
  { id: "git-push", reason: "publishes commits to a remote", match: git("push") },
  {
    id: "publish",
    reason: "publishes a package or release to the world",
    match: (c) =>
      (["npm", "yarn", "pnpm", "cargo", "gem", "poetry", "flit"].includes(c.program) &&
        ["publish", "push"].includes(positional(c)[0] ?? "")) ||
      (c.program === "twine" && positional(c)[0] === "upload") ||
      (["docker", "podman"].includes(c.program) && positional(c)[0] === "push") ||
      (c.program === "gh" &&
        ["release", "repo"].includes(positional(c)[0] ?? "") &&
        ["create", "delete"].includes(positional(c)[1] ?? "")),
  },
  {
    id: "install-global",
    reason: "installs software outside the project (system-wide or for the user)",
    match: (c) =>
      (["npm", "pnpm", "yarn"].includes(c.program) &&
        has(c, "g", "--global") &&
        /^(i|install|add|remove|uninstall)$/.test(positional(c)[0] ?? "")) ||
      (["pip", "pip3"].includes(c.program) &&
        positional(c)[0] === "install" &&
        has(c, "", "--user", "--break-system-packages")) ||
      (["apt", "apt-get", "dnf", "yum", "pacman", "apk", "brew", "snap"].includes(c.program) &&
        ["install", "remove", "purge", "-S", "add", "del", "uninstall"].some((s) => c.args.includes(s))) ||
      (["cargo", "go", "gem"].includes(c.program) &&
        ["install", "uninstall"].includes(positional(c)[0] ?? "")),
  },
  {
    id: "disk",
    reason: "writes to a disk device or formats a file system",
    match: (c) =>
      /^mkfs(\..*)?$/.test(c.program) ||
      ["fdisk", "sfdisk", "parted", "wipefs", "mkswap"].includes(c.program) ||
      (c.program === "dd" && c.args.some((a) => /^of=\/dev\/(?!null$)/.test(a))),
  },
  {
    id: "system",
    reason: "shuts down the machine or kills processes that are not the project's",
    match: (c) =>
      ["shutdown", "reboot", "halt", "poweroff", "killall", "pkill"].includes(c.program) ||
      (c.program === "init" && ["0", "6"].includes(c.args[0] ?? "")) ||
      (c.program === "kill" && c.args.includes("-1")),
  },
  {
    id: "permissions-outside",
    reason: "changes permissions or owners outside the project",
    match: (c, w) =>
      ["chmod", "chown", "chgrp"].includes(c.program) &&
      positional(c)
        .slice(1)
        .some((p) => placeOf(p, w.root, w.cwd) === "outside"),
  },
  {
    id: "sudo",
    reason: "runs as another user (root)",
    match: (c) => c.wrappers.includes("sudo") || ["su", "doas", "pkexec"].includes(c.program),
  },
];

/** Shapes found on the raw line (pipes and substitutions the word reader does not follow). */
const LINE_RULES: readonly { id: string; reason: string; pattern: RegExp }[] = [
  {
    id: "pipe-to-shell",
    reason: "downloads a script and runs it unseen",
    pattern:
      /\b(curl|wget|fetch)\b[^|;&\n]*\|\s*(sudo\s+)?(env\s+)?(ba|z|da|k|fi)?sh\b|\b(curl|wget)\b[^|;&\n]*\|\s*(sudo\s+)?(python3?|perl|ruby|node)\b|\b(ba|z)?sh\s+(-c\s+)?["']?\$\(\s*(curl|wget)|<\(\s*(curl|wget)\b/,
  },
  { id: "fork-bomb", reason: "is a fork bomb", pattern: /:\s*\(\s*\)\s*\{\s*:\s*\|\s*:\s*&\s*\}/ },
  { id: "disk", reason: "writes to a disk device", pattern: />\s*\/dev\/(sd|nvme|hd|vd|xvd|mmcblk|disk)\w*/ },
];

/** Every destructive command of `line`, in order (empty when there is none). */
export function findDangers(line: string, where: CommandPlace): Danger[] {
  const out: Danger[] = [];
  for (const rule of LINE_RULES) {
    const m = rule.pattern.exec(line);
    if (m) out.push({ rule: rule.id, command: m[0].trim(), reason: rule.reason });
  }
  for (const target of redirectTargets(line)) {
    const what = wholesaleTarget(target, where);
    if (what && what !== "the whole project")
      out.push({ rule: "state-write", command: `> ${target}`, reason: `writes into ${what}` });
  }
  for (const c of parseCommands(line)) {
    const rule = DESTRUCTIVE_RULES.find((r) => r.match(c, where));
    if (rule) {
      const shown = [...c.wrappers.filter((w) => w === "sudo"), c.program, ...c.args].join(" ");
      out.push({ rule: rule.id, command: shown, reason: rule.reason });
    }
  }
  return out;
}

/**
 * Whether the configuration allows a danger: an entry equal to its rule id, `*`, or a prefix of the
 * command as written (`git reset --hard`, `rm -rf dist`), compared with whitespace collapsed.
 */
export function isAllowed(danger: Danger, allowed: readonly string[]): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, " ");
  const command = norm(danger.command);
  return allowed.some((a) => {
    const entry = norm(a);
    return entry === "*" || entry === danger.rule || (entry !== "" && command.startsWith(entry));
  });
}
