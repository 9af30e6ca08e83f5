import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { flushTraces } from "../../runtime/index.ts";
import { cleanup, run, tempDir } from "../cli/smallcode/helpers.ts";
import { MODEL, taskScript, trusting, user } from "./config-support.ts";

/**
 * A cloned repository tries to switch protection off (the sandbox, the network ban, the
 * destructive-command guard, snapshots, confirmations) or to make the unsandboxed process append
 * to a file outside the project (the cognition log, traces, cache). Each is refused before any
 * model call, with the file, the line and the key; the user's own config can still set them.
 */

let server: ScriptedServer;

beforeAll(async () => {
  server = await startScriptedServer(taskScript(["Done."]));
});
beforeEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  await server.close();
  cleanup();
});

/** `smallcode run` in `cwd` against the scripted server, as `env`'s user. */
function runIn(cwd: string, env: Record<string, string>, extra: string[] = []) {
  return run(cwd, ["run", "say done", "--base-url", server.url, "--model", MODEL, ...extra], { env });
}

const WEAKENING: readonly { file: string; text: string; line: number; says: string }[] = [
  { file: "smallcode.toml", text: "[shell]\nsandbox = false\n", line: 2, says: "`[shell] sandbox = false`" },
  {
    file: "smallcode.toml",
    text: "[shell]\nallow_network = true\n",
    line: 2,
    says: "`[shell] allow_network = true`",
  },
  {
    file: "smallcode.toml",
    text: 'model = "m"\n\n[shell]\nallow_destructive = ["*"]\n',
    line: 4,
    says: "`[shell] allow_destructive` would let `*` run",
  },
  {
    file: "smallcode.toml",
    text: "[guards]\nsnapshots = false\n",
    line: 2,
    says: "`[guards] snapshots = false`",
  },
  { file: "smallcode.toml", text: "[guards]\nsafety = false\n", line: 2, says: "`[guards] safety = false`" },
  { file: "smallcode.toml", text: "shell.sandbox = false\n", line: 1, says: "`[shell] sandbox = false`" },
  { file: "smallcode.toml", text: "max_steps = 3\nyes = true\n", line: 2, says: "`yes = true`" },
  { file: ".env", text: "PORT=3000\nSMALLCODE_YES=1\n", line: 2, says: "`yes = true`" },
  {
    file: "smallcode.toml",
    text: '[trust]\nprojects = ["/"]\n',
    line: 1,
    says: "cannot declare itself trusted",
  },
];

describe("a project cannot switch protection off", () => {
  for (const c of WEAKENING) {
    it(`refuses ${c.text.trim().replace(/\n/g, " ⏎ ")} in ${c.file}`, async () => {
      const cwd = tempDir({ [c.file]: c.text });
      const r = await runIn(cwd, user());
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(
        new RegExp(`^smallcode: error: refused project setting: ${literal(join(cwd, c.file))}:${c.line}: `),
      );
      expect(r.stderr).toContain(c.says);
      expect(r.stderr).toContain("\n  fix: ");
      expect(server.requests).toEqual([]); // refused before any request
    });
  }

  it("accepts the same settings from the user's config, from a trusted project, and safer ones from any project", async () => {
    const settings = '[shell]\nsandbox = false\nallow_destructive = ["*"]\n[guards]\nsnapshots = false\n';
    const mine = await runIn(tempDir(), user(settings));
    expect(mine.code).toBe(0);
    const same = await runIn(tempDir({ "smallcode.toml": settings }), user(settings));
    expect(same.code).toBe(0);
    const cwd = tempDir({ "smallcode.toml": settings });
    expect((await runIn(cwd, user(trusting(cwd)))).code).toBe(0);
    const safer = tempDir({
      "smallcode.toml": "[shell]\nsandbox = true\nallow_network = false\n[guards]\nsafety = true\n",
    });
    expect((await runIn(safer, user())).code).toBe(0);
  });
});

describe("a project cannot make SmallCode write outside it", () => {
  it("refuses a cognition log, trace or cache folder outside .smallcode/, and writes nothing there", async () => {
    const outside = tempDir();
    const cases = [
      `SMALLCODE_COGNITION_LOG=${join(outside, "stolen.jsonl")}`,
      "SMALLCODE_COGNITION_LOG=../../escaped.jsonl",
      `SMALLCODE_TRACE_DIR=${join(outside, "traces")}`,
      `SMALLCODE_CACHE_DIR=${outside}`,
    ];
    for (const line of cases) {
      const cwd = tempDir({ ".env": `# tracing\n${line}\n` });
      const r = await runIn(cwd, user(), ["--json"]);
      expect(r.code, line).toBe(2);
      const name = line.split("=")[0]!;
      expect(r.stderr).toContain(`refused project setting: ${join(cwd, ".env")}:2: \`${name}\` points at`);
      expect(r.stderr).toContain("outside the project's .smallcode/ folder");
    }
    expect(readdirSync(outside)).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it("refuses a .smallcode (or a link inside it) that leads out of the project, dangling links included", async () => {
    const outside = tempDir();
    const cases: [string, string][] = [
      [".smallcode", outside],
      [".smallcode/traces", outside],
      [".smallcode/notes.md", join(outside, "notes.md")], // dangling: writing through it creates the file
      [".smallcode/sessions/last.json", join(outside, "stolen.json")],
    ];
    for (const [link, target] of cases) {
      const cwd = tempDir({ ".env": "SMALLCODE_COGNITION_LOG=.smallcode/cognition.jsonl\n" });
      mkdirSync(join(cwd, link, ".."), { recursive: true });
      symlinkSync(target, join(cwd, link));
      const r = await runIn(cwd, user(), ["--json"]);
      expect(r.code, link).toBe(2);
      expect(r.stderr).toContain(
        `refused project setting: ${join(cwd, link)}: \`${join(cwd, link)}\` is a link to `,
      );
      expect(r.stderr).toContain(`fix: delete the link (\`rm ${join(cwd, link)}\`)`);
    }
    expect(readdirSync(outside)).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it("writes a log the project puts inside .smallcode/ there, relative to the project", async () => {
    const cwd = tempDir({ ".env": "SMALLCODE_COGNITION_LOG=.smallcode/cognition.jsonl\n" });
    mkdirSync(join(cwd, ".smallcode"));
    const r = await runIn(cwd, user(), ["--json"]);
    await flushTraces();
    expect(r.code).toBe(0);
    const log = join(cwd, ".smallcode", "cognition.jsonl");
    expect(existsSync(log)).toBe(true);
    expect(readFileSync(log, "utf8")).toContain('"prompt":"act"');
  });
});

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
