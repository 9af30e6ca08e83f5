import assert from "node:assert";
import { readFileSync } from "node:fs";
const lines = readFileSync("shopping.md", "utf8").split("\n").filter((l) => /^\s*[-*]\s+/.test(l));
const items = lines.map((l) => l.replace(/^\s*[-*]\s+/, "").trim());
assert.deepStrictEqual(items, ["Eggs", "Apples", "Bread", "Milk"]);
assert.match(readFileSync("shopping.md", "utf8"), /^# Shopping/);
