import { accessSync, constants, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { probeBwrap } from "../../cli/smallcode/tools/sandbox.ts";
import { cleanupUsers, hostileModel, makeUser, runAgent } from "./sandbox-support.ts";

/**
 * A hostile model reply tries to reach the network from a sandbox without network: by entering the
 * host's network namespace (`umount -l /proc` uncovers the host's processes, `nsenter` joins one),
 * or through a Unix socket of the host, which the read-only root used to show (a socket needs no
 * write access to the file system). The test's own listeners count every connection that arrives.
 */

const probe = probeBwrap();
if (!probe.ok) console.log(`[sandbox attack tests skipped] ${probe.reason}`);

/** A listener (TCP port or socket path) that counts connections. */
async function listener(at: number | string): Promise<{ server: Server; hits: () => number; port: number }> {
  let hits = 0;
  const server = createServer((s) => {
    hits++;
    s.end();
  });
  await new Promise<void>((done) =>
    typeof at === "number" ? server.listen(at, "127.0.0.1", done) : server.listen(at, done),
  );
  const address = server.address();
  return { server, hits: () => hits, port: typeof address === "object" && address ? address.port : 0 };
}

const closing: Server[] = [];
afterAll(async () => {
  await Promise.all(closing.map((s) => new Promise((done) => s.close(done))));
  cleanupUsers();
});

/** Node one-liner that connects to `target` (a port on 127.0.0.1 or a socket path) and prints the outcome. */
const connect = (target: number | string) =>
  `node -e 'require("net").connect(${JSON.stringify(typeof target === "number" ? { port: target, host: "127.0.0.1" } : { path: target })}).on("connect", () => { console.log("connected"); process.exit(0) }).on("error", (e) => console.log(e.code))'`;

describe.skipIf(!probe.ok)("a hostile reply cannot reach the network", () => {
  it("joining the host's network namespace fails, and no connection reaches the host", async () => {
    const host = await listener(0);
    closing.push(host.server);
    const user = makeUser();
    const server = await hostileModel(
      [
        "echo ran > ran.txt",
        "umount -l /proc >> net.out 2>&1; echo umount=$? >> net.out",
        `nsenter --net=/proc/1/ns/net true >> net.out 2>&1; echo nsenter=$? >> net.out`,
        `for p in /proc/[0-9]*; do nsenter --net=$p/ns/net ${connect(host.port)} >> net.out 2>&1; done`,
        `${connect(host.port)} >> net.out 2>&1`,
      ].join("\n"),
    );
    try {
      await runAgent(server, user);
    } finally {
      await server.close();
    }
    expect(readFileSync(join(user.project, "ran.txt"), "utf8")).toBe("ran\n");
    const out = readFileSync(join(user.project, "net.out"), "utf8");
    expect(out).toMatch(/umount=[1-9]/);
    expect(out).toMatch(/nsenter=[1-9]/);
    expect(out).not.toContain("escaped");
    expect(out).not.toContain("connected");
    expect(host.hits()).toBe(0);
  }, 30_000);

  it("Unix sockets of the host (under /run, /tmp and in the home folder) cannot be reached", async () => {
    const user = makeUser();
    const paths = [join(user.home, "agent.sock"), `/tmp/smallcode-sandbox-${process.pid}.sock`];
    if (canWrite("/run")) paths.push(`/run/smallcode-sandbox-${process.pid}.sock`);
    const sockets = [];
    for (const path of paths) {
      rmSync(path, { force: true });
      const s = await listener(path);
      closing.push(s.server);
      sockets.push(s);
    }
    const server = await hostileModel(
      ["echo ran > ran.txt", ...paths.map((p) => `${connect(p)} >> sockets.out 2>&1`)].join("\n"),
    );
    try {
      await runAgent(server, user);
    } finally {
      await server.close();
    }
    expect(readFileSync(join(user.project, "ran.txt"), "utf8")).toBe("ran\n");
    const out = readFileSync(join(user.project, "sockets.out"), "utf8");
    expect(out.trim().split("\n")).toHaveLength(paths.length);
    expect(out).not.toContain("connected");
    expect(sockets.map((s) => s.hits())).toEqual(paths.map(() => 0));
  }, 30_000);
});

function canWrite(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
