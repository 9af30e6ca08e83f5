import { execFile, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { findOldNode } from "../../support/old-node.ts";
import { cleanup, project, runBin as run, VALID } from "./helpers.ts";

const bin = "cli/marrowc/bin.js";

describe("cli/marrowc/bin.js", () => {
  it("runs the sources in a checkout and passes on the exit code", () => {
    const ok = run(["--version"]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^marrowc \d+\.\d+\.\d+\n$/);
    expect(ok.stderr).toContain("marrowc=source");
    const usage = run(["frobnicate"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("unknown command `frobnicate`");
  });

  it("keeps ts-morph out of --help, explain and check", () => {
    for (const args of [["--help"], ["explain", "MRW2003"], ["check", "marrow"]]) {
      const r = run(args);
      expect(r.status, args.join(" ")).toBe(0);
      expect(r.stderr).toContain("[loads] typescript=no ts-morph=no marrowc=source");
    }
  });

  it("runs `marrowc test` against a real endpoint", async () => {
    const dir = project({ "marrow/demo.marrow": VALID });
    const binPath = resolve(bin);
    const built = spawnSync(
      process.execPath,
      [binPath, "build", "--runtime-import", resolve("runtime/index.ts")],
      {
        cwd: dir,
        encoding: "utf8",
      },
    );
    expect(built.status).toBe(0);
    const server = await startScriptedServer({ fallback: { content: "happy" } });
    try {
      // Asynchronous: the scripted server answers from this process.
      const r = await promisify(execFile)(
        process.execPath,
        ["--import", resolve("bench/compile-loads.mjs"), binPath, "test"],
        {
          cwd: dir,
          encoding: "utf8",
          env: {
            ...process.env,
            SMALLCODE_BASE_URL: server.url,
            SMALLCODE_MODEL: "tiny",
            SMALLCODE_PROVIDER: "openai_compat",
          },
        },
      );
      expect(r.stdout).toContain("ok   mood_accuracy (classify_mood, exact): 0.50 (1/2 cases) baseline 0.50");
      expect(r.stderr).toContain("typescript=no ts-morph=no marrowc=source");
    } finally {
      await server.close();
      cleanup();
    }
  });

  // The system Node of some machines is older; when one is at hand, check the message it gets.
  const old = findOldNode();
  it.skipIf(old === undefined)("refuses an old Node.js with a clear message and exit code 2", () => {
    const r = spawnSync(old!, [bin, "--help"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^marrowc: Node\.js [\d.]+ is too old; marrowc needs Node\.js 22\.18 or newer/);
  });
});
