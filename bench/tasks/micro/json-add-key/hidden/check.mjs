import assert from "node:assert";
import { readFileSync } from "node:fs";
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
assert.strictEqual(pkg.version, "1.0.0");
assert.strictEqual(pkg.name, "micro-app");
assert.strictEqual(pkg.private, true);
assert.strictEqual(pkg.license, "MIT");
