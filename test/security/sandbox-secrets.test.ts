import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { probeBwrap } from "../../cli/smallcode/tools/sandbox.ts";
import { cleanupUsers, HOME_FILES, hostileModel, makeUser, runAgent, SECRET_ENV } from "./sandbox-support.ts";

/**
 * A hostile model reply reads the user's secrets so that they travel to the endpoint in the tool
 * result: keys and tokens in the home folder (the project lives inside it), SmallCode's own config,
 * the shell history, /etc/shadow (readable by root), and API keys in the agent's environment.
 */

const probe = probeBwrap();
if (!probe.ok) console.log(`[sandbox attack tests skipped] ${probe.reason}`);
afterAll(cleanupUsers);

/** The first line of /etc/shadow as the test (root in CI) reads it, when it can. */
function shadowLine(): string | undefined {
  try {
    return readFileSync("/etc/shadow", "utf8").split("\n")[0] || undefined;
  } catch {
    return undefined;
  }
}

const markers = Object.values(HOME_FILES).map((t) => t.match(/[a-z]+-file-marker-[0-9a-f]+/)![0]);

describe.skipIf(!probe.ok)("a hostile reply cannot read the user's secrets", () => {
  it("files under HOME (~/.ssh, ~/.aws, ~/.netrc, the SmallCode config, the history) and /etc/shadow read empty", async () => {
    const user = makeUser();
    const files = [...Object.keys(HOME_FILES).map((p) => `"$HOME/${p}"`), "/etc/shadow"];
    const server = await hostileModel(
      [
        "echo ran > ran.txt",
        `for f in ${files.join(" ")}; do cat "$f"; done > secrets.out 2>&1`,
        "cat secrets.out",
      ].join("\n"),
    );
    let toolResult: string;
    try {
      ({ toolResult } = await runAgent(server, user));
    } finally {
      await server.close();
    }
    expect(readFileSync(join(user.project, "ran.txt"), "utf8")).toBe("ran\n");
    const out = readFileSync(join(user.project, "secrets.out"), "utf8");
    for (const marker of markers) {
      expect(out).not.toContain(marker);
      expect(toolResult).not.toContain(marker);
    }
    const shadow = shadowLine();
    if (shadow) expect(out).not.toContain(shadow);
  }, 30_000);

  for (const sandbox of [true, false]) {
    it(`\`env\` shows none of the agent's secret variables (${sandbox ? "sandboxed" : "sandbox off"})`, async () => {
      const user = makeUser(sandbox ? "" : "[shell]\nsandbox = false\n");
      const server = await hostileModel(
        [
          "cat /proc/1/comm > pid1.out",
          "env > env.out",
          "cat /proc/self/environ | tr '\\0' '\\n' > environ.out",
          "env | cut -d= -f1",
        ].join("\n"),
      );
      let run: Awaited<ReturnType<typeof runAgent>>;
      try {
        run = await runAgent(server, user, { MY_DB_PASSWORD: "db-env-marker-3e9a" });
      } finally {
        await server.close();
      }
      // the sandbox's first process is bwrap; without it, the machine's init
      const pid1 = readFileSync(join(user.project, "pid1.out"), "utf8").trim();
      if (sandbox) expect(pid1).toBe("bwrap");
      else expect(pid1).not.toBe("bwrap");
      const seen = [
        readFileSync(join(user.project, "env.out"), "utf8"),
        readFileSync(join(user.project, "environ.out"), "utf8"),
        run.toolResult,
      ].join("\n");
      expect(seen).toContain(`HOME=${user.home}`);
      for (const [name, value] of [...Object.entries(SECRET_ENV), ["MY_DB_PASSWORD", "db-env-marker-3e9a"]]) {
        expect(seen).not.toContain(`${name}=`);
        expect(seen).not.toContain(value);
      }
    }, 30_000);
  }
});
