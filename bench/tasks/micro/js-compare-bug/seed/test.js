const assert = require("node:assert");
const { isAdult } = require("./age.js");

assert.strictEqual(isAdult(18), true, "isAdult(18) should be true");
assert.strictEqual(isAdult(17), false);
console.log("ok");
