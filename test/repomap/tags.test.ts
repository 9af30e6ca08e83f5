import { describe, expect, it } from "vitest";
import { extractTags } from "../../cli/smallcode/repomap/tags.ts";
import { FIXTURE } from "./fixture.ts";

const sig = (tags: Awaited<ReturnType<typeof extractTags>>) =>
  tags.definitions.map((d) => `${d.line}:${d.depth}:${d.kind}:${d.signature}`);

describe("extractTags", () => {
  it("reads TypeScript definitions with signatures and nesting, and references", async () => {
    const tags = await extractTags("typescript", FIXTURE["web/src/store.ts"]!);
    expect(sig(tags)).toEqual([
      "1:0:interface:interface Entry",
      "2:0:class:class Store",
      "4:1:method:get(key: string): string | undefined",
      "7:1:method:set(key: string, value: string): void",
      "11:0:function:function openStore(path: string): Store",
    ]);
    // The class's own name is a definition, not a use; `new Store()` and the return type are uses.
    expect(tags.references.Store).toBe(2);
    const app = await extractTags("typescript", FIXTURE["web/src/app.ts"]!);
    expect(app.references).toMatchObject({ openStore: 3, Store: 2, Entry: 2, set: 1, get: 1 });
  });

  it("reads Python, Go and Rust", async () => {
    expect(sig(await extractTags("python", FIXTURE["billing/invoice.py"]!))).toEqual([
      "1:0:class:class Invoice:",
      "2:1:method:def __init__(self, lines):",
      "5:1:method:def total_amount(self) -> float:",
      "9:0:function:def tax_rate(region: str) -> float:",
    ]);
    expect((await extractTags("python", FIXTURE["billing/main.py"]!)).references).toMatchObject({
      Invoice: 2,
      tax_rate: 2,
      total_amount: 1,
    });
    expect(sig(await extractTags("go", FIXTURE["server/server.go"]!))).toEqual([
      "3:0:type:Server struct",
      "7:0:function:func NewServer(port int) *Server",
      "11:0:method:func (s *Server) Start() error",
    ]);
    expect((await extractTags("go", FIXTURE["server/main.go"]!)).references).toMatchObject({
      NewServer: 1,
      Start: 1,
    });
    const rust = await extractTags("rust", FIXTURE["geo/src/geometry.rs"]!);
    expect(sig(rust)).toEqual([
      "1:0:class:pub struct Point",
      "6:0:impl:impl Point",
      "7:1:method:pub fn distance(&self, other: &Point) -> f64",
    ]);
    expect((await extractTags("rust", FIXTURE["geo/src/main.rs"]!)).references).toMatchObject({
      Point: 3,
      distance: 1,
    });
  });

  it("keeps hostile names as plain keys and survives broken syntax", async () => {
    const tags = await extractTags(
      "javascript",
      "const __proto__ = 1;\n__proto__.x();\nconstructor();\nfunction (((\n",
    );
    expect(Object.getPrototypeOf(tags.references)).toBe(Object.prototype);
    expect(Object.hasOwn(tags.references, "constructor")).toBe(true);
    expect(tags.definitions.map((d) => d.name)).toContain("__proto__");
  });

  it("cuts long signatures", async () => {
    const params = Array.from({ length: 80 }, (_, i) => `p${i}: number`).join(", ");
    const [def] = (await extractTags("typescript", `function wide(${params}) {}\n`)).definitions;
    expect(def!.signature.length).toBeLessThanOrEqual(160);
    expect(def!.signature.endsWith("…")).toBe(true);
  });
});
