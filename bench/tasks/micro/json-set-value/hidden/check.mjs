import assert from "node:assert";
import { readFileSync } from "node:fs";
const s = JSON.parse(readFileSync("settings.json", "utf8"));
assert.deepStrictEqual(s, { theme: "dark", fontSize: 14, autosave: true });
