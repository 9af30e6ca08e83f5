import assert from "node:assert";
import { readFileSync } from "node:fs";
const text = readFileSync("README.md", "utf8").trimEnd();
const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
const at = lines.indexOf("## License");
assert.ok(at > 0, "no ## License heading");
assert.strictEqual(lines[at + 1], "MIT");
assert.ok(lines.indexOf("## Usage") < at, "License is not after Usage");
assert.ok(text.startsWith("# Micro app"));
