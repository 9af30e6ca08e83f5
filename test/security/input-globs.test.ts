import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import type { Message } from "../../cli/smallcode/contract/index.ts";
import { type AgentHarness, startAgent } from "../support/agent-run.ts";
import { agentScript, hermes } from "../support/agent-script.ts";

/**
 * Globs from a hostile reply that try to list or search files outside the project: `..` in every
 * spelling (plain, after `**`, escaped, in braces), a deep climb to /etc/passwd, an absolute path, and
 * a symlinked directory that points outside. `search` and `find_files` must show nothing from there.
 */

/** What the search patterns look for; the file outside holds it followed by `CONTENT`. */
const SECRET = "TOPSECRET";
const CONTENT = "-4f1c-content";

function results(history: readonly Message[]): string[] {
  return history.filter((m) => m.role === "tool").map((m) => String(m.content));
}

describe("security: search and find_files globs stay inside the project", () => {
  let h: AgentHarness | undefined;
  let outside = "";
  afterEach(async () => {
    await h?.close();
    h = undefined;
    rmSync(outside, { recursive: true, force: true });
  });

  test("globs that climb out, or go through a symlink to outside, find nothing there", async () => {
    outside = realpathSync(mkdtempSync(join(tmpdir(), "smallcode-outside-")));
    writeFileSync(join(outside, "secret.txt"), `${SECRET}${CONTENT}\n`);
    const away = basename(outside);
    const deep = `${"../".repeat(12)}etc/passwd`;
    const climbing = [
      hermes("find_files", { pattern: `../${away}/*.txt` }),
      hermes("find_files", { pattern: `**/../../${away}/*` }),
      hermes("find_files", { pattern: `\\.\\./${away}/*` }),
      hermes("find_files", { pattern: `{..,src}/${away}/*` }),
      hermes("find_files", { pattern: deep }),
      hermes("search", { pattern: SECRET, glob: `../${away}/*` }),
      hermes("search", { pattern: "root:", glob: deep }),
      hermes("search", { pattern: SECRET, glob: `src/../../${away}/*` }),
    ];
    const through = [
      hermes("find_files", { pattern: "link/*" }),
      hermes("find_files", { pattern: `${outside}/*` }),
      hermes("search", { pattern: SECRET, glob: "link/*" }),
      hermes("search", { pattern: SECRET }),
    ];
    h = await startAgent(
      agentScript({ act: [climbing.join("\n"), through.join("\n"), "Nothing found."] }),
      {},
      { "src/app.js": "export const app = 1;\n" },
    );
    symlinkSync(outside, join(h.project.root, "link"));
    await h.agent.run("look around");
    const out = results(h.agent.history);
    expect(out).toHaveLength(12);
    for (const text of out) {
      expect(text).not.toContain(CONTENT);
      expect(text).not.toContain("secret.txt");
      expect(text).not.toContain("root:");
    }
    for (const text of out.slice(0, 8)) expect(text).toMatch(/^the glob `.*` reaches outside the project/);
    expect(out.slice(8)).toEqual([
      "no files match `link/*`",
      `no files match \`${outside}/*\``,
      `no matches for \`${SECRET}\` matching \`link/*\``,
      `no matches for \`${SECRET}\``,
    ]);
  });
});
