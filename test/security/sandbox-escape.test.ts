import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { probeBwrap } from "../../cli/smallcode/tools/sandbox.ts";
import { cleanupUsers, hostileModel, makeUser, runAgent } from "./sandbox-support.ts";

/**
 * A hostile model reply tries to get out of the sandbox through the kernel: remount the read-only
 * root writable and write to the host, unmount the private /tmp, or use capabilities at all. As
 * root (CI) the sandbox used to keep every capability, and the remount worked; now every command
 * runs without capabilities (as `nobody` in a user namespace where one can be made).
 */

const probe = probeBwrap();
if (!probe.ok) console.log(`[sandbox attack tests skipped] ${probe.reason}`);
afterAll(cleanupUsers);

describe.skipIf(!probe.ok)("a hostile reply cannot remount the sandbox or keep capabilities", () => {
  it("remount,rw / and umount fail, and nothing is written outside the project", async () => {
    const user = makeUser();
    const outside = join(dirname(user.project), "escaped.txt");
    const server = await hostileModel(
      [
        "echo ran > ran.txt",
        `mount -o remount,rw / >> mount.out 2>&1; echo "remount=$?" >> mount.out`,
        `mount -o remount,bind,rw / >> mount.out 2>&1; echo "remount-bind=$?" >> mount.out`,
        `umount -l /tmp >> mount.out 2>&1; echo "umount=$?" >> mount.out`,
        // spelled so that the command policy cannot see where it writes: only the sandbox stops it
        `echo escaped > "$(dirname "$PWD")/escaped.txt"`,
        `echo escaped > "$(echo /usr)/smallcode-escaped-${process.pid}"`,
      ].join("\n"),
    );
    try {
      await runAgent(server, user);
    } finally {
      await server.close();
    }
    expect(readFileSync(join(user.project, "ran.txt"), "utf8")).toBe("ran\n");
    const out = readFileSync(join(user.project, "mount.out"), "utf8");
    expect(out).toMatch(/remount=[1-9]/);
    expect(out).toMatch(/remount-bind=[1-9]/);
    expect(out).toMatch(/umount=[1-9]/);
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(`/usr/smallcode-escaped-${process.pid}`)).toBe(false);
  }, 30_000);

  it("commands run with no capabilities (CapEff 0), as nobody when SmallCode runs as root", async () => {
    const user = makeUser();
    const server = await hostileModel(
      "grep -E '^(Cap(Eff|Prm|Amb)|NoNewPrivs):' /proc/self/status > caps.out; id -u > uid.out",
    );
    try {
      const r = await runAgent(server, user);
      expect(r.toolResult).toContain("[exit code 0]");
    } finally {
      await server.close();
    }
    const caps = readFileSync(join(user.project, "caps.out"), "utf8");
    expect(caps).toMatch(/^CapEff:\s+0+$/m);
    expect(caps).toMatch(/^CapPrm:\s+0+$/m);
    expect(caps).toMatch(/^CapAmb:\s+0+$/m);
    const uid = readFileSync(join(user.project, "uid.out"), "utf8").trim();
    if (process.getuid?.() === 0 && probe.ok && probe.extra.includes("--unshare-user"))
      expect(uid).toBe("65534");
  }, 30_000);

  it.skipIf(process.getuid?.() !== 0)(
    "as root where user namespaces are refused, bwrap still runs commands with no capabilities",
    async () => {
      // a bwrap that refuses --unshare-user, like a container that forbids user namespaces
      const fake = mkdtempSync(join(tmpdir(), "smallcode-no-userns-"));
      writeFileSync(
        join(fake, "bwrap"),
        `#!/bin/sh\nfor a in "$@"; do [ "$a" = --unshare-user ] && { echo "bwrap: No permissions to create new namespace" >&2; exit 1; }; done\nexec ${probe.ok ? probe.path : "bwrap"} "$@"\n`,
      );
      chmodSync(join(fake, "bwrap"), 0o755);
      const user = makeUser();
      const outside = join(dirname(user.project), "escaped.txt");
      const server = await hostileModel(
        [
          "grep -E '^(CapEff|NoNewPrivs):' /proc/self/status > caps.out; id -u > uid.out",
          `mount -o remount,rw / 2>/dev/null; umount -l /proc 2>/dev/null; echo escaped > "$(dirname "$PWD")/escaped.txt"`,
        ].join("\n"),
      );
      try {
        await runAgent(server, user, { PATH: `${fake}:${process.env.PATH}` });
      } finally {
        await server.close();
        rmSync(fake, { recursive: true, force: true });
      }
      const caps = readFileSync(join(user.project, "caps.out"), "utf8");
      expect(caps).toMatch(/^CapEff:\s+0+$/m);
      expect(caps).toMatch(/^NoNewPrivs:\s+1$/m);
      // root without a user namespace: the fake bwrap was used
      expect(readFileSync(join(user.project, "uid.out"), "utf8")).toBe("0\n");
      expect(existsSync(outside)).toBe(false);
    },
    30_000,
  );
});
