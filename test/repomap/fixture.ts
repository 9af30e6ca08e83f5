import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * A small project in four languages for the repo map tests: in each language one module that
 * defines things and one that uses them, plus one definition nobody uses.
 */
export const FIXTURE: Readonly<Record<string, string>> = {
  "web/src/store.ts": [
    "export interface Entry { key: string; value: string }",
    "export class Store {",
    "  private entries = new Map<string, Entry>();",
    "  get(key: string): string | undefined {",
    "    return this.entries.get(key)?.value;",
    "  }",
    "  set(key: string, value: string): void {",
    "    this.entries.set(key, { key, value });",
    "  }",
    "}",
    "export function openStore(path: string): Store {",
    "  return new Store();",
    "}",
    "",
  ].join("\n"),
  "web/src/app.ts": [
    'import { openStore, Store, type Entry } from "./store";',
    "export function main(): void {",
    '  const store: Store = openStore("a.db");',
    '  openStore("b.db").set("k", "v");',
    '  const e: Entry = { key: "k", value: store.get("k") ?? "" };',
    "}",
    "",
  ].join("\n"),
  "web/src/lonely.js": "export function lonelyHelper() {\n  return 1;\n}\n",
  "billing/invoice.py": [
    "class Invoice:",
    "    def __init__(self, lines):",
    "        self.lines = lines",
    "",
    "    def total_amount(self) -> float:",
    "        return sum(tax_rate(l) for l in self.lines)",
    "",
    "",
    "def tax_rate(region: str) -> float:",
    "    return 0.2",
    "",
  ].join("\n"),
  "billing/main.py": [
    "from invoice import Invoice, tax_rate",
    "",
    "def run():",
    "    inv = Invoice([1, 2])",
    "    print(inv.total_amount(), tax_rate('eu'))",
    "",
  ].join("\n"),
  "server/server.go": [
    "package server",
    "",
    "type Server struct {",
    "\tport int",
    "}",
    "",
    "func NewServer(port int) *Server {",
    "\treturn &Server{port: port}",
    "}",
    "",
    "func (s *Server) Start() error {",
    "\treturn nil",
    "}",
    "",
  ].join("\n"),
  "server/main.go": [
    "package server",
    "",
    "func Run() error {",
    "\treturn NewServer(8080).Start()",
    "}",
    "",
  ].join("\n"),
  "geo/src/geometry.rs": [
    "pub struct Point {",
    "    pub x: f64,",
    "    pub y: f64,",
    "}",
    "",
    "impl Point {",
    "    pub fn distance(&self, other: &Point) -> f64 {",
    "        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()",
    "    }",
    "}",
    "",
  ].join("\n"),
  "geo/src/main.rs": [
    "mod geometry;",
    "use geometry::Point;",
    "",
    "fn main() {",
    "    let a = Point { x: 0.0, y: 0.0 };",
    "    let b = Point { x: 3.0, y: 4.0 };",
    "    let d = a.distance(&b);",
    '    println!("{}", d);',
    "}",
    "",
  ].join("\n"),
  "README.md": "# fixture\n",
};

const made: string[] = [];

/** A temporary copy of `FIXTURE` (plus `extra` files); removed by `cleanupFixtures`. */
export function fixtureRepo(extra: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "smallcode-repomap-"));
  made.push(dir);
  for (const [path, text] of Object.entries({ ...FIXTURE, ...extra })) writeFixtureFile(dir, path, text);
  return dir;
}

/** Writes one file under `dir`. */
export function writeFixtureFile(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** Removes the fixtures made so far. */
export function cleanupFixtures(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A temporary directory outside any fixture (a link target), removed with the fixtures. */
export function tempOutside(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), "smallcode-outside-"));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) writeFixtureFile(dir, path, text);
  return dir;
}
