import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterEach, describe, expect, test } from "vitest";
import { SmallCode } from "../../../cli/smallcode/api.ts";
import { type ScriptedServer, startScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import {
  type CacheEntry,
  type CacheStore,
  createRuntime,
  MemoryCacheStore,
  MemoryTraceSink,
} from "../../../runtime/index.ts";
import { tempProject } from "../../support/agent-project.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

/**
 * Two agents with different endpoints, caches and trace sinks in one process, run at the same time.
 * Each server holds its first `act` reply until the other server has received an `act` request, so
 * the test only finishes when both runs are in flight together: runs that waited for each other
 * (one process-wide connection) would never get there.
 */

/** A cache store that remembers which keys were written to it. */
class CountingStore implements CacheStore {
  readonly inner = new MemoryCacheStore();
  readonly written: string[] = [];
  get(key: string) {
    return this.inner.get(key);
  }
  set(key: string, entry: CacheEntry) {
    this.written.push(key);
    this.inner.set(key, entry);
  }
}

interface Gate {
  readonly url: string;
  readonly server: Server;
  /** `act` requests that reached the proxy (held or not). */
  acts: number;
}

/** A proxy in front of `target` that holds `act` requests until `open()` says so. */
async function gate(target: ScriptedServer, open: () => boolean): Promise<Gate> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.headers["x-marrow-prompt"] === "act") {
      result.acts++;
      while (!open()) await new Promise((r) => setTimeout(r, 5));
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === "string" && k !== "host" && k !== "content-length") headers[k] = v;
    }
    const answer = await fetch(`${target.origin}${req.url}`, {
      method: req.method ?? "GET",
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
    if (answer.body) Readable.fromWeb(answer.body as never).pipe(res);
    else res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const result: Gate = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    server,
    acts: 0,
  };
  return result;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe("two agents in one process", () => {
  test("with different endpoints and caches they run concurrently, each against its own server", async () => {
    const script = (name: string) =>
      agentScript({
        act: [
          hermes("write_file", { file_path: `${name}.txt`, content: `from ${name}\n` }),
          `Wrote ${name}.txt.`,
        ],
      });
    const serverA = await startScriptedServer(script("a"));
    const serverB = await startScriptedServer(script("b"));
    cleanups.push(
      () => serverA.close(),
      () => serverB.close(),
    );
    const proxyA: Gate = await gate(serverA, () => proxyB.acts > 0);
    const proxyB: Gate = await gate(serverB, () => proxyA.acts > 0);
    cleanups.push(
      () => void proxyA.server.close(),
      () => void proxyB.server.close(),
    );
    const agents = [
      { name: "a", server: serverA, url: proxyA.url },
      { name: "b", server: serverB, url: proxyB.url },
    ].map(({ name, server, url }) => {
      const project = tempProject({ "README.md": `# project ${name}\n` });
      cleanups.push(() => project.cleanup());
      const cache = new CountingStore();
      const sink = new MemoryTraceSink();
      const runtime = createRuntime({
        cache,
        traceSinks: [sink],
        traceDir: false,
        cognitionLog: "",
        provider: "openai_compat",
        apiKey: "",
      });
      const agent = new SmallCode(
        { cwd: project.root, baseUrl: url, model: `model-${name}`, yes: true, maxTimeMs: 60_000 },
        { builtinGuards: false, runtime },
      );
      return { name, server, url, project, cache, sink, agent };
    });

    const results = await Promise.all(agents.map((a) => a.agent.run(`create ${a.name}.txt`)));

    for (const [i, a] of agents.entries()) {
      const result = results[i]!;
      expect(result.response).toBe(`Wrote ${a.name}.txt.`);
      expect(result.filesCreated).toEqual([`${a.name}.txt`]);
      expect(a.project.read(`${a.name}.txt`)).toBe(`from ${a.name}\n`);
      // each server saw only its own agent's requests
      const chats = a.server.chatRequests();
      expect(chats.length).toBeGreaterThanOrEqual(3);
      expect(new Set(chats.map((r) => r.body.model))).toEqual(new Set([`model-${a.name}`]));
      expect(chats.every((r) => JSON.stringify(r.body.messages).includes(`create ${a.name}.txt`))).toBe(true);
      // usage came back with each agent's own calls, and its own cache and sinks got its own calls
      expect(result.usage.calls).toBe(chats.length);
      expect(a.cache.written.length).toBeGreaterThan(0);
      const attempts = a.sink.ofKind("attempt");
      expect(attempts).toHaveLength(chats.length);
      expect(new Set(attempts.map((s) => s.endpoint))).toEqual(new Set([a.url]));
    }
    expect(agents[0]!.cache.written.some((k) => agents[1]!.cache.written.includes(k))).toBe(false);
  });
});
