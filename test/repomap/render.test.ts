import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { countTokens } from "../../cli/smallcode/context/tokens.ts";
import { mapOf, repoMap } from "../../cli/smallcode/repomap/index.ts";
import { MAP_HEADING, mapBudgetFor, renderMap } from "../../cli/smallcode/repomap/render.ts";
import { cleanupFixtures, fixtureRepo } from "./fixture.ts";

afterAll(cleanupFixtures);

describe("mapBudgetFor", () => {
  it("shrinks with the window: a 4k window gets a tiny map", () => {
    expect(mapBudgetFor(4096)).toBe(128);
    expect(mapBudgetFor(8192)).toBe(512);
    expect(mapBudgetFor(16384)).toBe(1024);
    expect(mapBudgetFor(131072)).toBe(2048);
    expect(mapBudgetFor(0)).toBe(0);
    expect(mapBudgetFor(Number.NaN)).toBe(0);
  });
});

describe("the rendered map", () => {
  it("shows files and signatures of all four languages when the budget allows", async () => {
    const { text, index } = await repoMap(fixtureRepo(), { window: 32768, cache: false });
    expect(index.files).toHaveLength(9);
    expect(text.split("\n")[0]).toBe(MAP_HEADING);
    for (const line of [
      "web/src/store.ts",
      "  11│ export function openStore(path: string): Store".replace("export ", ""),
      "    4│ get(key: string): string | undefined",
      "billing/invoice.py",
      "    5│ def total_amount(self) -> float:",
      "server/server.go",
      "  7│ func NewServer(port int) *Server",
      "geo/src/geometry.rs",
      "    7│ pub fn distance(&self, other: &Point) -> f64",
    ])
      expect(text.split("\n")).toContain(line);
  });

  it("stays within its budget, and a 4k window's map is smaller than a 32k one's", async () => {
    const root = fixtureRepo();
    const small = await repoMap(root, { window: 4096 });
    const large = await repoMap(root, { window: 32768 });
    expect(countTokens(small.text)).toBeLessThanOrEqual(128);
    expect(small.text.length).toBeGreaterThan(0);
    expect(small.text.split("\n").length).toBeLessThan(large.text.split("\n").length);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3000 }), async (budget) => {
        const text = mapOf(large.index, { budget });
        expect(countTokens(text)).toBeLessThanOrEqual(budget);
      }),
      { numRuns: 40 },
    );
  });

  it("puts what the task mentions first", async () => {
    const { index } = await repoMap(fixtureRepo(), { cache: false });
    const text = mapOf(index, { task: "the total in billing/invoice.py is wrong", budget: 60 });
    expect(text.split("\n")[1]).toBe("billing/invoice.py");
  });

  it("is empty when nothing fits or there is nothing to show", () => {
    expect(renderMap([], 1000)).toBe("");
  });
});
