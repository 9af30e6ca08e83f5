import assert from "node:assert";
import { createRequire } from "node:module";
const require = createRequire(`${process.cwd()}/`);
const { isAdult } = require("./age.js");
assert.strictEqual(isAdult(18), true);
assert.strictEqual(isAdult(17), false);
assert.strictEqual(isAdult(40), true);
