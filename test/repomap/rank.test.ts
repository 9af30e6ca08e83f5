import { afterAll, describe, expect, it } from "vitest";
import type { IndexedFile } from "../../cli/smallcode/repomap/build.ts";
import { buildRepoIndex } from "../../cli/smallcode/repomap/build.ts";
import { filesIn, namesIn, nameWeight, rankDefinitions } from "../../cli/smallcode/repomap/rank.ts";
import { cleanupFixtures, fixtureRepo } from "./fixture.ts";

afterAll(cleanupFixtures);

const file = (path: string, defs: string[], refs: Record<string, number>): IndexedFile => ({
  path,
  language: "typescript",
  tags: {
    definitions: defs.map((name, i) => ({
      name,
      kind: "function",
      line: i + 1,
      signature: `function ${name}()`,
      depth: 0,
    })),
    references: refs,
  },
});

describe("rankDefinitions", () => {
  it("ranks a definition used by many files above one nobody uses", () => {
    const files = [
      file("core.ts", ["parseConfig", "unusedThing"], {}),
      file("a.ts", ["alpha"], { parseConfig: 3 }),
      file("b.ts", ["beta"], { parseConfig: 1 }),
      file("c.ts", ["gamma"], { parseConfig: 2, alpha: 1 }),
    ];
    const names = rankDefinitions(files).map((r) => r.definition.name);
    expect(names[0]).toBe("parseConfig");
    expect(names.indexOf("alpha")).toBeLessThan(names.indexOf("unusedThing"));
  });

  it("leans towards the files and names the task mentions", () => {
    const files = [
      file("core.ts", ["parseConfig"], {}),
      file("a.ts", ["alpha"], { parseConfig: 3 }),
      file("billing.ts", ["chargeCard", "refund"], {}),
    ];
    expect(rankDefinitions(files)[0]!.definition.name).toBe("parseConfig");
    const byFile = rankDefinitions(files, { files: ["billing.ts"] });
    expect(byFile.slice(0, 2).map((r) => r.path)).toEqual(["billing.ts", "billing.ts"]);
    const byName = rankDefinitions(files, { names: ["refund"] });
    expect(byName[0]!.definition.name).toBe("refund");
  });

  it("is deterministic and copes with an empty project", () => {
    expect(rankDefinitions([])).toEqual([]);
    const files = [file("x.ts", ["one", "two"], {}), file("y.ts", ["three"], {})];
    expect(rankDefinitions(files).map((r) => r.definition.name)).toEqual(["one", "two", "three"]);
  });

  it("ranks the fixture's shared definitions first in every language", async () => {
    const index = await buildRepoIndex(fixtureRepo(), { cache: false });
    const top = rankDefinitions(index.files)
      .slice(0, 6)
      .map((r) => r.path);
    for (const path of ["web/src/store.ts", "billing/invoice.py", "server/server.go", "geo/src/geometry.rs"])
      expect(top).toContain(path);
    const ranked = rankDefinitions(index.files).map((r) => r.definition.name);
    expect(ranked.indexOf("lonelyHelper")).toBeGreaterThan(ranked.indexOf("openStore"));
  });
});

describe("focus helpers", () => {
  it("finds mentioned files by path or file name, and identifiers", () => {
    const paths = ["src/billing/invoice.py", "src/main.py", "README"];
    expect(filesIn("fix the rounding in invoice.py and src/main.py", paths)).toEqual(
      new Set(["src/billing/invoice.py", "src/main.py"]),
    );
    expect(filesIn("update the README", paths)).toEqual(new Set(["README"]));
    expect(filesIn("make the main loop faster", paths)).toEqual(new Set());
    expect(namesIn("rename parseArgs to parse_args")).toEqual(new Set(["rename", "parseArgs", "parse_args"]));
  });

  it("weighs telling names up and private or common ones down", () => {
    const none = new Set<string>();
    expect(nameWeight("parseConfig", 1, none)).toBe(10);
    expect(nameWeight("get", 1, none)).toBe(1);
    expect(nameWeight("_private", 1, none)).toBeCloseTo(0.1);
    expect(nameWeight("_parse_config", 1, none)).toBeCloseTo(1);
    expect(nameWeight("get", 6, none)).toBeCloseTo(0.1);
    expect(nameWeight("get", 1, new Set(["get"]))).toBe(10);
  });
});
