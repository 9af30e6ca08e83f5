import { afterAll, describe, expect, it } from "vitest";
import { cleanup, project, run } from "./helpers.ts";

/** `marrowc test` where there is nothing to test says so, never "internal error". */

afterAll(() => cleanup());

describe("marrowc test outside a project", () => {
  it("says there is no MarrowScript project here", async () => {
    const dir = project({ "README.md": "# not a marrow project\n" });
    expect(await run(dir, ["test"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        `marrowc: error: no MarrowScript project in ${dir}: there is no \`marrow/\` folder and no \`generated/index.ts\`; run \`marrowc test\` in a project's root after \`marrowc build\` (or point --generated at a built index)\n` +
        "Run `marrowc test --help` for usage.\n",
    });
  });

  it("says a built index that cannot be loaded needs a rebuild", async () => {
    const dir = project({ "generated/index.ts": 'import "./gone.ts";\nexport const evaluations = [];\n' });
    const r = await run(dir, ["test"]);
    expect(r.code).toBe(2);
    // the loader's own words (Node's, or vitest's in-process) sit between the two fixed parts
    expect(r.stderr).toMatch(
      /^marrowc: error: cannot load the built evaluations from `generated\/index\.ts`: Cannot find module '.*gone\.ts' imported from .*; rebuild them with `marrowc build`\nRun `marrowc test --help` for usage\.\n$/,
    );
    expect(r.stderr).not.toContain("internal error");
  });
});
