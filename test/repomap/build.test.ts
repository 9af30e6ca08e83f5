import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildRepoIndex } from "../../cli/smallcode/repomap/build.ts";
import { CACHE_VERSION, cacheFile, contentHash, QUERIES_HASH } from "../../cli/smallcode/repomap/cache.ts";
import { cleanupFixtures, FIXTURE, fixtureRepo, tempOutside, writeFixtureFile } from "./fixture.ts";

afterAll(cleanupFixtures);

const SOURCES = Object.keys(FIXTURE).filter((p) => !p.endsWith(".md")).length;

describe("buildRepoIndex", () => {
  it("indexes the source files of every language, sorted, and leaves the rest out", async () => {
    const root = fixtureRepo({
      "node_modules/dep/index.js": "function hidden() {}\n",
      ".gitignore": "out/\n",
      "out/x.ts": "function gone() {}\n",
    });
    const index = await buildRepoIndex(root);
    expect(index.files.map((f) => f.path)).toEqual([
      "billing/invoice.py",
      "billing/main.py",
      "geo/src/geometry.rs",
      "geo/src/main.rs",
      "server/main.go",
      "server/server.go",
      "web/src/app.ts",
      "web/src/lonely.js",
      "web/src/store.ts",
    ]);
    expect(new Set(index.files.map((f) => f.language))).toEqual(
      new Set(["python", "rust", "go", "typescript", "javascript"]),
    );
    expect(index.problems).toEqual([]);
  });

  it("parses only changed files on later builds (cache keyed by content hash)", async () => {
    const root = fixtureRepo();
    const cold = await buildRepoIndex(root);
    expect(cold.stats).toMatchObject({ files: SOURCES, parsed: SOURCES, cached: 0 });
    expect(existsSync(cacheFile(root))).toBe(true);
    const warm = await buildRepoIndex(root);
    expect(warm.stats).toMatchObject({ files: SOURCES, parsed: 0, cached: SOURCES });
    expect(warm.files).toEqual(cold.files);
    writeFixtureFile(root, "server/main.go", `${FIXTURE["server/main.go"]}\nfunc Extra() {}\n`);
    const changed = await buildRepoIndex(root);
    expect(changed.stats).toMatchObject({ parsed: 1, cached: SOURCES - 1 });
    expect(
      changed.files.find((f) => f.path === "server/main.go")!.tags.definitions.map((d) => d.name),
    ).toContain("Extra");
    // A renamed file has the same content: no parse.
    writeFixtureFile(root, "server/moved.go", FIXTURE["server/server.go"]!);
    expect((await buildRepoIndex(root)).stats).toMatchObject({ files: SOURCES + 1, parsed: 0 });
  });

  it("ignores a planted cache whose entries lie about their shape, and one for other queries", async () => {
    const root = fixtureRepo();
    mkdirSync(join(root, ".smallcode", "cache"), { recursive: true });
    const hash = contentHash(FIXTURE["server/main.go"]!);
    const planted = { definitions: "nope", references: {} };
    writeFileSync(
      cacheFile(root),
      JSON.stringify({ version: CACHE_VERSION, queries: QUERIES_HASH, tags: { [hash]: planted } }),
    );
    const index = await buildRepoIndex(root);
    expect(index.stats.parsed).toBe(SOURCES);
    writeFileSync(
      cacheFile(root),
      JSON.stringify({
        version: CACHE_VERSION,
        queries: "other",
        tags: { [hash]: { definitions: [], references: {} } },
      }),
    );
    expect((await buildRepoIndex(root)).stats.parsed).toBe(SOURCES);
  });

  it("never writes its cache through a link, nor reads files through one", async () => {
    const root = fixtureRepo();
    const outside = tempOutside({ "secret.ts": "export function secretThing() {}\n" });
    mkdirSync(join(root, ".smallcode"), { recursive: true });
    symlinkSync(outside, join(root, ".smallcode", "cache"));
    symlinkSync(join(outside, "secret.ts"), join(root, "web", "src", "linked.ts"));
    const index = await buildRepoIndex(root);
    expect(index.problems.join("\n")).toMatch(/cache could not be written.*not a directory/);
    expect(existsSync(join(outside, "repomap.json"))).toBe(false);
    expect(lstatSync(join(root, ".smallcode", "cache")).isSymbolicLink()).toBe(true);
    expect(index.files.map((f) => f.path)).not.toContain("web/src/linked.ts");
    expect(readFileSync(join(outside, "secret.ts"), "utf8")).toContain("secretThing");
  });

  it("skips files over the size limit and past the file limit, and says so", async () => {
    const root = fixtureRepo({ "big.ts": `export const big = "${"x".repeat(2000)}";\n` });
    const index = await buildRepoIndex(root, { maxBytes: 1000, maxFiles: 5, cache: false });
    expect(index.files).toHaveLength(4);
    expect(index.problems.join("\n")).toMatch(/at most 5 files; 5 were left out/);
    expect(existsSync(cacheFile(root))).toBe(false);
  });
});
