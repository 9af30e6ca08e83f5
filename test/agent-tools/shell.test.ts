import { afterAll, describe, expect, it } from "vitest";
import { Shell } from "../../cli/smallcode/tools/shell.ts";
import { redactString, registerSecret } from "../../runtime/redact.ts";
import { makeProject } from "./helpers.ts";

const shells: Shell[] = [];
afterAll(() => Promise.all(shells.map((s) => s.close())));

function shell(options: Partial<ConstructorParameters<typeof Shell>[0]> = {}): Shell {
  const s = new Shell({ cwd: makeProject(), ...options });
  shells.push(s);
  return s;
}

describe("Shell", () => {
  it("queues concurrent commands instead of interleaving them", async () => {
    const s = shell();
    const results = await Promise.all([
      s.run("sleep 0.2; echo first", { timeoutMs: 5000 }),
      s.run("echo second", { timeoutMs: 5000 }),
    ]);
    expect(results.map((r) => r.output)).toEqual(["first\n", "second\n"]);
  });

  it("keeps the start and end of huge outputs and counts what it dropped", async () => {
    const s = shell({ keepBytes: 1000 });
    const r = await s.run("seq 1 100000", { timeoutMs: 10_000 });
    expect(r.exitCode).toBe(0);
    expect(r.droppedBytes).toBeGreaterThan(500_000);
    expect(r.output.startsWith("1\n2\n3\n")).toBe(true);
    expect(r.output).toMatch(/… [\d,]+ bytes of output omitted …/);
    expect(r.output.endsWith("99999\n100000\n")).toBe(true);
  });

  it("keeps no part of a secret at either cut of a huge output", async () => {
    const secret = "Pw4xZ8kQ1nR6tV3mB9cL2yH"; // 23 characters and a space: the head cut falls inside one
    registerSecret(secret);
    const s = shell({ keepBytes: 1000, env: { S: secret } });
    // the secret fills the bytes around both cuts, wherever the chunks make them fall
    const repeat = 'for i in $(seq 1 200); do printf "%s " "$S"; done';
    const r = await s.run(`${repeat}; seq 1 100000; ${repeat}; echo`, { timeoutMs: 10_000 });
    expect(r.droppedBytes).toBeGreaterThan(500_000);
    const stored = redactString(r.output);
    expect(stored).toContain("[REDACTED]");
    for (let i = 0; i + 8 <= secret.length; i++) expect(stored).not.toContain(secret.slice(i, i + 8));
  });

  it("applies extra environment and the non-interactive defaults", async () => {
    const s = shell({ env: { SMALLCODE_TEST: "on" } });
    const r = await s.run('echo "$SMALLCODE_TEST $PAGER $GIT_PAGER $TERM"', { timeoutMs: 5000 });
    expect(r.output).toBe("on cat cat dumb\n");
  });

  it("reports runs after close without starting a process", async () => {
    const s = shell();
    await s.close();
    const r = await s.run("echo hi", { timeoutMs: 1000 });
    expect(r).toMatchObject({ exitCode: null, output: "[the shell is closed]" });
  });
});
