import assert from "node:assert";
import { createRequire } from "node:module";
const require = createRequire(`${process.cwd()}/`);
const c = require("./config.js");
assert.strictEqual(c.MAX_USERS, 25);
assert.strictEqual(c.TIMEOUT_MS, 5000);
