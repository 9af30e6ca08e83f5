/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell parameter expansions are plain strings */
import { chmodSync, existsSync, readFileSync, realpathSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bwrapArgs, probeBwrap, sandboxStatus } from "../../cli/smallcode/tools/sandbox.ts";
import { exposures } from "../../cli/smallcode/tools/sandbox-mounts.ts";
import { Shell } from "../../cli/smallcode/tools/shell.ts";
import { cleanupProjects, makeProject } from "./helpers.ts";

const probe = probeBwrap();
if (!probe.ok) console.log(`[sandbox tests skipped] ${probe.reason}`);

const roots: string[] = [];
const shells: Shell[] = [];
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((_req, res) => res.end("reached"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await Promise.all(shells.map((s) => s.close()));
  cleanupProjects(roots);
  await new Promise((resolve) => server.close(resolve));
});

function shell(options: ConstructorParameters<typeof Shell>[0]["sandbox"] = undefined): {
  root: string;
  sh: Shell;
} {
  const root = makeProject({ "a.txt": "a\n" });
  roots.push(root);
  const sh = new Shell({ cwd: root, sandbox: options });
  shells.push(sh);
  return { root, sh };
}

const fetchCmd = (p: number) =>
  `node -e "fetch('http://127.0.0.1:${p}/').then(r => r.text()).then(t => console.log('got', t), e => { console.log('blocked', e.cause?.code ?? e.message); process.exit(3) })"`;

describe.skipIf(!probe.ok)("the bwrap sandbox (real)", () => {
  it("says the shell is sandboxed", () => {
    expect(sandboxStatus()).toEqual({
      active: true,
      kind: "bwrap",
      network: false,
      message: "the shell is sandboxed (bwrap): only the project is writable, no network",
    });
    expect(shell().sh.sandbox.active).toBe(true);
  });

  it("lets commands write in the project but nowhere else", async () => {
    const { root, sh } = shell();
    const target = join(homedir(), `smallcode-sandbox-escape-${process.pid}`);
    const r = await sh.run(
      `echo inside > b.txt && echo outside > ${target}; echo "rc=$?"; touch /usr/escape; cat a.txt`,
      {
        timeoutMs: 10_000,
      },
    );
    expect(readFileSync(join(root, "b.txt"), "utf8")).toBe("inside\n");
    expect(existsSync(target)).toBe(false);
    expect(existsSync("/usr/escape")).toBe(false);
    expect(r.output).toContain("Read-only file system");
    expect(r.output).toContain("rc=1");
    expect(r.output.trimEnd().endsWith("a")).toBe(true);
  });

  it("blocks the network unless the configuration allows it", async () => {
    const blocked = await shell().sh.run(fetchCmd(port), { timeoutMs: 15_000 });
    expect(blocked.output).toMatch(/^blocked /);
    expect(blocked.exitCode).toBe(3);
    const open = await shell({ allowNetwork: true }).sh.run(fetchCmd(port), { timeoutMs: 15_000 });
    expect(open.output).toBe("got reached\n");
  });

  it("keeps a private /tmp, the session's cwd and exported variables across commands and restarts", async () => {
    const { root, sh } = shell();
    await sh.run("mkdir -p sub && cd sub && export KEEP=yes && echo t > /tmp/scratch", { timeoutMs: 10_000 });
    const r = await sh.run('echo "$KEEP $(cat /tmp/scratch) $PWD"', { timeoutMs: 10_000 });
    expect(r.output).toBe(`yes t ${root}/sub\n`);
    const slow = await sh.run("sleep 20", { timeoutMs: 500 });
    expect(slow.timedOut).toBe(true);
    expect((await sh.run('echo "$KEEP"; pwd', { timeoutMs: 10_000 })).output).toBe(`yes\n${root}/sub\n`);
  });

  it("withholds the model's API key from commands", async () => {
    process.env.SMALLCODE_API_KEY = "sk-should-not-leak-123456";
    try {
      const { sh } = shell();
      expect((await sh.run('echo "[${SMALLCODE_API_KEY:-none}]"', { timeoutMs: 10_000 })).output).toBe(
        "[none]\n",
      );
    } finally {
      delete process.env.SMALLCODE_API_KEY;
    }
  });
});

describe.skipIf(!probe.ok)("the toolchain under the private /tmp", () => {
  it("stays visible, read-only, when a PATH entry lives under the temp dir", async () => {
    const tools = makeProject({ "bin/hello-tool": "#!/bin/sh\necho toolchain-visible\n" });
    roots.push(tools);
    chmodSync(join(tools, "bin", "hello-tool"), 0o755);
    const { root } = shell();
    const sh = new Shell({ cwd: root, env: { PATH: `${join(tools, "bin")}:${process.env.PATH}` } });
    shells.push(sh);
    const r = await sh.run('hello-tool; touch "$(dirname "$(command -v hello-tool)")/x"; echo rc=$?', {
      timeoutMs: 10_000,
    });
    expect(r.output).toContain("toolchain-visible");
    expect(r.output).toMatch(/rc=[1-9]/);
  });
});

describe("without the sandbox", () => {
  it("shows a toolchain folder under the private temp dirs by itself, not its parent", () => {
    const dir = makeProject({ "bin/.keep": "", "lib/.keep": "", "secret.txt": "x" });
    roots.push(dir);
    const top = realpathSync(dir);
    const root = top.slice(0, top.lastIndexOf("/"));
    const hiddenBy = (p: string) => (p === root || p.startsWith(`${root}/`) ? root : undefined);
    const bin = join(top, "bin");
    expect(exposures({ toolchain: [bin, "/usr/bin"], network: false }, hiddenBy)).toEqual([[bin, bin]]);
    // folders outside the hidden roots, missing ones and the hidden root itself are left alone
    expect(
      exposures({ toolchain: ["/usr/bin", join(top, "missing"), root], network: false }, hiddenBy),
    ).toEqual([]);
  });

  it("says the shell is not sandboxed when it is turned off, and commands still run", async () => {
    expect(sandboxStatus({ enabled: false }).message).toBe(
      "the shell is not sandboxed (turned off in the configuration); the command policy still applies",
    );
    const { sh } = shell(false);
    expect(sh.sandbox.active).toBe(false);
    expect((await sh.run("echo plain", { timeoutMs: 10_000 })).output).toBe("plain\n");
  });

  it("builds the bwrap command line: project writable, private /tmp, no network by default", () => {
    const args = bwrapArgs("/", "/", {});
    const at = args.indexOf("--ro-bind");
    expect(args.slice(at, at + 6)).toEqual(["--ro-bind", "/", "/", "--dev", "/dev", "--proc"]);
    for (const flag of ["--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--new-session"])
      expect(args).toContain(flag);
    expect(args).toContain("--die-with-parent");
    expect(args.slice(0, at)).toEqual(probe.ok ? probe.extra : []);
    expect(bwrapArgs("/", "/", { allowNetwork: true })).not.toContain("--unshare-net");
  });
});
