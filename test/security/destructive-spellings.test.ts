import { describe, expect, it } from "vitest";
import { assessCommand } from "../../cli/smallcode/safety/guard.ts";

/**
 * Every spelling of "delete the project wholesale" (and of running code the policy cannot read) is
 * recognised: it needs the user's confirmation. Harmless everyday commands stay allowed.
 */

const where = { root: "/work/proj", cwd: "/work/proj" };
const unsandboxed = { sandboxed: () => false };
const sandboxed = { sandboxed: () => true };
const kind = (command: string, options = unsandboxed, written?: ReadonlySet<string>) =>
  assessCommand(command, where, options, written).kind;
const rules = (command: string, options = unsandboxed, written?: ReadonlySet<string>) => {
  const v = assessCommand(command, where, options, written);
  return v.kind === "confirm" ? v.dangers.map((d) => d.rule) : [];
};

/** Spellings the command table recognises whatever the sandbox (they need confirmation always). */
const WHOLESALE = [
  "rm -rf * .[!.]*",
  "rm -rf ./* ./.??*",
  "rm -rf .",
  'rm -rf "$PWD"',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a template
  "rm -rf ${PWD}/",
  "rm -rf $(pwd)",
  "rm --rec --for .git",
  "rm -rf .gi?",
  "rm -rf .[g]it",
  "rm -rf .{git,cache}",
  "rm -rf .git/objects",
  "rm -rf .smallcode",
  "cd src && rm -rf ..",
  "find . -delete",
  "find . -mindepth 1 -delete",
  "find . -exec rm -rf {} +",
  "find $PWD -name '*' -delete",
  "find . -name .git -exec rm -rf {} \\;",
  "find . -type f -o -name '*.js' -delete",
  "ls -A | xargs rm -rf",
  "echo .git | xargs rm -rf",
  "git clean -fdx",
  "git clean --forc -d",
  "git clean --fo -x",
  "git reset --hard",
  "git reset --har HEAD~3",
  "git -C . reset --hard",
  "f(){ git reset --hard; }; f",
  "chmod -R 000 .",
  "chmod -R -r .",
  "chmod 000 .git",
  "chown -R nobody .",
  "mv .git /tmp/old-git",
  "mv .smallcode x",
  "mv * /tmp/",
  "echo 'ref: refs/heads/x' > .git/HEAD",
  "cp evil.sh .git/hooks/pre-commit",
  "tee .git/config < x",
];

/** Shapes whose effect cannot be read from the text: confirmation only without the sandbox. */
const OPAQUE = [
  '$(echo rm) -rf "$PWD"',
  "`echo rm` -rf .",
  "X=rm; $X -rf .",
  "echo cm0gLXJmIC4= | base64 -d | sh",
  "base64 -d <<< cm0gLXJmIC4= | bash",
  "python3 -c \"import shutil; shutil.rmtree('.')\"",
  "python -c 'import os; os.system(\"rm -rf .\")'",
  "node -e \"require('fs').rmSync('.', {recursive: true})\"",
  "perl -e 'system(\"rm -rf .\")'",
  "ruby -e 'system(\"rm -rf .\")'",
  "bash -c 'rm -rf .'",
  "sh -ec 'rm -rf .'",
  'eval "rm -rf ."',
  "source ./cleanup.sh",
  ". cleanup.sh",
  "python3 - <<'EOF'\nimport shutil\nshutil.rmtree('.')\nEOF",
  "bash < cleanup.sh",
  "awk 'BEGIN { system(\"rm -rf .\") }'",
  "find . -name x -exec sh -c 'rm -rf .' \\;",
  "git -c alias.nuke='reset --hard' nuke",
  "git config alias.nuke 'reset --hard'",
  "git nuke",
  "function nuke { git reset --hard; }",
  "cat <(rm -rf .)",
  "printf 'rm -rf ./*' > wipe.sh && bash wipe.sh",
  "cat > w.sh <<'EOF'\nrm -rf .git\nEOF\nchmod +x w.sh; ./w.sh",
  "echo 'import shutil' | tee w.py; python3 w.py",
];

describe("wholesale deletes, in every spelling, need confirmation", () => {
  for (const command of WHOLESALE) {
    it(command, () => {
      expect(kind(command)).toBe("confirm");
      expect(kind(command, sandboxed)).toBe("confirm");
    });
  }
});

describe("opaque shapes need confirmation where the sandbox does not protect .git and the snapshots", () => {
  for (const command of OPAQUE) {
    it(command, () => {
      expect(kind(command)).toBe("confirm");
    });
  }
  it("runs them in the sandbox, which keeps .git and the snapshots read-only", () => {
    for (const command of OPAQUE)
      expect(rules(command, sandboxed).filter((r) => r.startsWith("opaque"))).toEqual([]);
  });
  it("treats a script the task wrote as opaque, by path or through an interpreter", () => {
    const written = new Set(["cleanup.sh", "tools/wipe.py"]);
    expect(rules("./cleanup.sh", unsandboxed, written)).toEqual(["opaque-script"]);
    expect(rules("bash cleanup.sh", unsandboxed, written)).toEqual(["opaque-script"]);
    expect(rules("python3 tools/wipe.py --all", unsandboxed, written)).toEqual(["opaque-script"]);
    expect(kind("python3 tools/other.py", unsandboxed, written)).toBe("ok");
  });
});

describe("everyday commands stay allowed", () => {
  const OK = [
    "rm -rf dist build",
    "rm -f src/old.ts",
    "rm -rf node_modules/.cache",
    "find src -name '*.pyc' -delete",
    "find . -name '*.pyc' -delete",
    "find . -name '*.ts' -exec grep -l TODO {} +",
    "git status && git diff",
    "git add -A && git commit -m 'fix: things'",
    "git log --oneline -5",
    "git stash list",
    "echo hi > out.txt",
    "npm test",
    "npx vitest run",
    "python3 -m pytest -q",
    "node index.js",
    "ls -la",
    "chmod +x scripts/run.sh",
    "cat > a.js <<'EOF'\nfunction f() { return `x`; }\nconst y = $(1);\nEOF",
    "echo $((1 + 2))",
    "cd src && ls",
    "mv old.txt new.txt",
    "cp .env.example .env",
  ];
  for (const command of OK) it(command, () => expect(rules(command)).toEqual([]));
});

describe("the policy fails closed", () => {
  it("refuses a command when a check throws", () => {
    const v = assessCommand("ls", where, {
      sandboxed: () => {
        throw new Error("probe failed");
      },
    });
    expect(v).toEqual({
      kind: "refuse",
      message: expect.stringMatching(/^refused: the safety check of this command failed \(probe failed\)/),
    });
  });
});
