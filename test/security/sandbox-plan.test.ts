import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  capabilityProblem,
  probeBwrap,
  probeCandidates,
  resetSandboxProbe,
  sandboxStatus,
} from "../../cli/smallcode/tools/sandbox.ts";
import { mountPlan } from "../../cli/smallcode/tools/sandbox-mounts.ts";
import { Shell } from "../../cli/smallcode/tools/shell.ts";
import { allowedEnv } from "../../cli/smallcode/tools/shell-env.ts";
import { cleanupUsers, makeUser } from "./sandbox-support.ts";

/**
 * The decisions behind the sandbox, checked without starting one: which bwrap is good enough (a
 * bwrap that keeps capabilities is not used), what is hidden and what is shown again, and which
 * variables reach commands. The attacks themselves run in sandbox-escape, -network and -secrets.
 */

const servers: Server[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  cleanupUsers();
});

const ZERO = "0000000000000000";
const FULL = "000001ffffffffff";
const status = (eff: string, bnd = ZERO, nnp = "0") =>
  `Name:\tcat\nCapInh:\t${ZERO}\nCapPrm:\t${eff}\nCapEff:\t${eff}\nCapBnd:\t${bnd}\nCapAmb:\t${ZERO}\nNoNewPrivs:\t${nnp}\n`;

describe("the capability check of the probe", () => {
  it("accepts a sandbox with no capabilities, and a full bounding set only under no_new_privs", () => {
    expect(capabilityProblem(status(ZERO))).toBeUndefined();
    expect(capabilityProblem(status(ZERO, FULL, "1"))).toBeUndefined();
    expect(capabilityProblem(status(FULL))).toBe(`CapEff is ${FULL} inside, not 0`);
    expect(capabilityProblem(status(ZERO, FULL))).toBe(`CapBnd is ${FULL} inside, without no_new_privs`);
    expect(capabilityProblem("Name:\tcat\n")).toBe("CapEff is unknown inside, not 0");
  });

  it("tries a user namespace as nobody first when root, and drops every capability", () => {
    const [first, ...rest] = probeCandidates(true);
    expect(first).toEqual([
      "--unshare-user",
      "--disable-userns",
      "--uid",
      "65534",
      "--gid",
      "65534",
      "--cap-drop",
      "ALL",
    ]);
    expect(rest.slice(0, -1).every((c) => c.join(" ").endsWith("--cap-drop ALL"))).toBe(true);
    expect(probeCandidates(false)[0]).toEqual(["--unshare-user", "--disable-userns", "--cap-drop", "ALL"]);
  });
});

describe("a bwrap that cannot drop capabilities", () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
    resetSandboxProbe();
  });

  it("is reported as not available, and commands run unsandboxed instead", async () => {
    const fake = mkdtempSync(join(tmpdir(), "smallcode-fake-bwrap-"));
    dirs.push(fake);
    // whatever it is asked, it "runs" the probe's command with every capability kept
    writeFileSync(
      join(fake, "bwrap"),
      `#!/bin/sh\nprintf '${status(FULL).replace(/\t/g, "\\t").replace(/\n/g, "\\n")}'\n`,
    );
    chmodSync(join(fake, "bwrap"), 0o755);
    process.env.PATH = `${fake}:${path}`;
    resetSandboxProbe();
    const probe = probeBwrap();
    expect(probe.ok).toBe(false);
    if (!probe.ok)
      expect(probe.reason).toMatch(
        /cannot create a sandbox without capabilities here \(CapEff is 0+1f+ inside/,
      );
    const s = sandboxStatus();
    expect(s.active).toBe(false);
    expect(s.message).toMatch(/^the shell is not sandboxed: bwrap is installed but cannot create a sandbox/);
    const sh = new Shell({ cwd: fake });
    try {
      const r = await sh.run("cat /proc/1/comm", { timeoutMs: 10_000 });
      expect(r.output.trim()).not.toBe("bwrap");
    } finally {
      await sh.close();
    }
  });
});

describe("what the sandbox hides and shows", () => {
  it("covers the secrets of HOME and the system, not the project, and hides /root when it is not HOME", () => {
    const user = makeUser();
    const plan = mountPlan({
      writable: [user.project],
      toolchain: [],
      network: false,
      home: user.home,
      sockets: [],
    });
    expect(plan.privateDirs).toEqual(expect.arrayContaining(["/tmp", "/run"]));
    if (user.home.startsWith("/tmp/")) return; // no folder outside /tmp to test with: all of it is hidden
    expect(plan.maskDirs).toEqual(
      expect.arrayContaining([".ssh", ".aws", ".config/smallcode"].map((p) => join(user.home, p))),
    );
    expect(plan.maskFiles).toEqual(
      expect.arrayContaining([".netrc", ".bash_history"].map((p) => join(user.home, p))),
    );
    expect(plan.readOnlyDirs).toEqual(expect.arrayContaining([...plan.maskDirs]));
    if (user.home !== "/root") expect(plan.privateDirs).toContain("/root");
    // the project is HOME itself: its secrets are still covered, the project is not
    const same = mountPlan({
      writable: [user.home],
      toolchain: [],
      network: false,
      home: user.home,
      sockets: [],
    });
    expect(same.maskDirs).toContain(join(user.home, ".ssh"));
    expect([...same.maskDirs, ...same.maskFiles]).not.toContain(user.home);
    // a project inside a secret folder is not covered with it
    const inside = mountPlan({
      writable: [join(user.home, ".aws")],
      toolchain: [],
      network: false,
      home: user.home,
      sockets: [],
    });
    expect(inside.maskDirs).not.toContain(join(user.home, ".aws"));
  });

  it("leaves links that lead nowhere alone, so the sandbox still starts", async () => {
    const user = makeUser();
    rmSync(join(user.home, ".netrc"));
    symlinkSync("/nonexistent/smallcode-key", join(user.home, ".netrc"));
    symlinkSync(join(user.home, ".git-credentials"), join(user.home, ".git-credentials"));
    const plan = mountPlan({
      writable: [user.project],
      toolchain: [],
      network: false,
      home: user.home,
      sockets: [],
    });
    expect(plan.maskFiles.filter((f) => f.startsWith(user.home))).not.toContain(join(user.home, ".netrc"));
    expect(plan.maskFiles).not.toContain(join(user.home, ".git-credentials"));
    if (!probeBwrap().ok) return;
    const home = process.env.HOME;
    process.env.HOME = user.home;
    const sh = new Shell({ cwd: user.project });
    try {
      const r = await sh.run("cat /proc/1/comm; cat ~/.ssh/id_rsa", { timeoutMs: 10_000 });
      expect(r.output.startsWith("bwrap\n")).toBe(true);
      expect(r.output).not.toContain("ssh-file-marker");
    } finally {
      process.env.HOME = home;
      await sh.close();
    }
  });

  it("covers the host's listening Unix sockets that the sandbox would show", async () => {
    const user = makeUser();
    const visible = join(user.home, "agent.sock");
    const server = createServer();
    servers.push(server);
    await new Promise<void>((done) => server.listen(visible, done));
    const plan = mountPlan({
      writable: [user.project],
      toolchain: [],
      network: false,
      home: user.home,
      sockets: [visible, "/tmp/not-a-socket-here", join(user.home, ".bash_history")],
    });
    // a file that is not a socket is left alone; one under a private folder needs nothing
    expect(plan.maskFiles.filter((f) => f === visible || f.startsWith("/tmp/"))).toEqual(
      user.home.startsWith("/tmp/") ? [] : [visible],
    );
  });
});

describe("the environment commands get", () => {
  it("keeps locations, locale and toolchain settings, and drops everything else", () => {
    const env = {
      PATH: "/usr/bin",
      HOME: "/home/u",
      LC_ALL: "C.UTF-8",
      GOPATH: "/go",
      VIRTUAL_ENV: "/venv",
      CI: "true",
      OPENAI_API_KEY: "k",
      AWS_SECRET_ACCESS_KEY: "k",
      GITHUB_TOKEN: "k",
      SMALLCODE_API_KEY: "k",
      DATABASE_URL: "postgres://u:p@h/db",
      SSH_AUTH_SOCK: "/tmp/agent",
      HTTPS_PROXY: "http://u:p@proxy:3128",
    };
    expect(allowedEnv(env, false)).toEqual({
      PATH: "/usr/bin",
      HOME: "/home/u",
      LC_ALL: "C.UTF-8",
      GOPATH: "/go",
      VIRTUAL_ENV: "/venv",
      CI: "true",
    });
    expect(allowedEnv(env, true).HTTPS_PROXY).toBe("http://u:p@proxy:3128");
  });
});
