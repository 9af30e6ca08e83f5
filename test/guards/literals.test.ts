import { describe, expect, test } from "vitest";
import { containsLiteral, wantedLiterals } from "../../cli/smallcode/guard-kit/literals.ts";

/**
 * Which values a task names as the ones it wants, and when a file contains one. Conservative: a value
 * followed by a unit ("30 seconds"), a number inside a longer one, or a file rename names nothing,
 * since a wrong guess here turns a correct run into `unverified`.
 */

describe("wantedLiterals", () => {
  test.each([
    ["In config.js, change MAX_USERS from 10 to 25.", [{ kind: "number", value: "25" }]],
    ['In settings.json, change "theme" from "light" to "dark".', [{ kind: "text", value: "dark" }]],
    ["set the mask to 0x1F", [{ kind: "number", value: "0x1F" }]],
    ["Change the offset to -1, then rebuild.", [{ kind: "number", value: "-1" }]],
    ["Bump the version from 1.4.2 to 1.5.0 everywhere", [{ kind: "number", value: "1.5.0" }]],
    ["Set retries to 5 in the [network] section of settings.ini.", [{ kind: "number", value: "5" }]],
    ["update the greeting to `Hi there` in a.js", [{ kind: "text", value: "Hi there" }]],
    ["In area.py, rename the variable w to width everywhere.", [{ kind: "identifier", value: "width" }]],
    [
      "Rename getUserName in src/user.js to getDisplayName, and update every use.",
      [{ kind: "identifier", value: "getDisplayName" }],
    ],
  ])("%s", (task, wanted) => {
    expect(wantedLiterals(task)).toEqual(wanted);
  });

  test.each([
    "raise it from 5 seconds to 30 seconds without changing any other setting",
    "change the timeout to 1,000 ms",
    "rename utils.js to helpers.js",
    "rename the function to something shorter",
    "change f in app.py to return 2",
    "Make add in math.js correct.",
    "move the helper from a.js to b.js",
    "set the width to 50% of the page",
  ])("names no literal: %s", (task) => {
    expect(wantedLiterals(task)).toEqual([]);
  });
});

describe("containsLiteral", () => {
  const n25 = { kind: "number", value: "25" } as const;
  test.each([
    ["const MAX_USERS = 25;", true],
    ["const MAX_USERS = 250;", false],
    ["x = 1.25", false],
    ["x = 25.5", false],
    ["x = -25", false],
    ["v25 = 1", false],
    ["[25, 30]", true],
  ])("25 in %j: %s", (text, found) => {
    expect(containsLiteral(text, n25)).toBe(found);
  });

  test("a name is a whole word; quoted text is found as written or escaped in JSON", () => {
    const width = { kind: "identifier", value: "width" } as const;
    expect(containsLiteral("area = width * h", width)).toBe(true);
    expect(containsLiteral("area = widths * h", width)).toBe(false);
    expect(containsLiteral('{"msg": "say \\"hi\\""}', { kind: "text", value: 'say "hi"' })).toBe(true);
    expect(containsLiteral("mask = 0x1f", { kind: "number", value: "0x1F" })).toBe(true);
  });
});
