/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: MarrowScript ${VAR} references are plain strings */
import { afterEach, describe, expect, it } from "vitest";
import { makeModel, makeSpec, serve } from "../../../cli/testkit/make-spec.ts";
import { type ScriptedServer, startScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { callPrompt, configureRuntime, MemoryTraceSink } from "../../../runtime/index.ts";

/**
 * API keys go only to the endpoint they belong to: each model declaration carries its own `api_key`
 * reference, resolved per call, and a request to one endpoint never carries another model's key.
 * Checked against real HTTP servers (the scripted server), and in the traces.
 */

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("API keys and endpoints", () => {
  it("sends each model's key only to that model's endpoint", async () => {
    const local = await serve({ fallback: { content: "local" } });
    const remote = await startScriptedServer({
      fallback: { content: "remote" },
      apiKey: "sk-remote-key-0123456789abcd",
    });
    servers.push(local, remote);
    configureRuntime({
      env: {
        LOCAL_URL: local.url,
        REMOTE_URL: remote.url,
        REMOTE_KEY: "sk-remote-key-0123456789abcd",
        LOCAL_KEY: "",
      },
    });
    const localModel = makeModel({ name: "Local", endpoint: "${LOCAL_URL}", apiKey: "${LOCAL_KEY}" });
    const remoteModel = makeModel({ name: "Remote", endpoint: "${REMOTE_URL}", apiKey: "${REMOTE_KEY}" });
    expect(await callPrompt(makeSpec({ name: "on_local", model: localModel }), { text: "a" })).toBe("local");
    expect(await callPrompt(makeSpec({ name: "on_remote", model: remoteModel }), { text: "b" })).toBe(
      "remote",
    );
    expect(await callPrompt(makeSpec({ name: "on_local", model: localModel }), { text: "c" })).toBe("local");

    expect(remote.chatRequests().map((r) => r.headers.authorization)).toEqual([
      "Bearer sk-remote-key-0123456789abcd",
    ]);
    expect(local.chatRequests()).toHaveLength(2);
    for (const r of local.chatRequests()) {
      expect(r.headers.authorization).toBeUndefined();
      expect(JSON.stringify(r)).not.toContain("sk-remote-key");
    }
  });

  it("keeps two keys apart when both endpoints have one", async () => {
    const a = await startScriptedServer({ fallback: { content: "a" }, apiKey: "key-for-a-1234567890" });
    const b = await startScriptedServer({ fallback: { content: "b" }, apiKey: "key-for-b-0987654321" });
    servers.push(a, b);
    await serve({});
    configureRuntime({
      env: { A_URL: a.url, B_URL: b.url, A_KEY: "key-for-a-1234567890", B_KEY: "key-for-b-0987654321" },
    });
    const ma = makeModel({ name: "A", endpoint: "${A_URL}", apiKey: "${A_KEY}" });
    const mb = makeModel({ name: "B", endpoint: "${B_URL}", apiKey: "${B_KEY}" });
    await callPrompt(makeSpec({ name: "pa", model: ma }), { text: "x" });
    await callPrompt(makeSpec({ name: "pb", model: mb }), { text: "y" });
    expect(a.chatRequests().map((r) => r.headers.authorization)).toEqual(["Bearer key-for-a-1234567890"]);
    expect(b.chatRequests().map((r) => r.headers.authorization)).toEqual(["Bearer key-for-b-0987654321"]);
  });

  it("never writes a key into a trace", async () => {
    const remote = await startScriptedServer({
      fallback: { content: "ok" },
      apiKey: "sk-trace-key-abcdef0123456789",
    });
    servers.push(remote);
    const sink = new MemoryTraceSink();
    await serve({});
    configureRuntime({
      traceSinks: [sink],
      env: { R_URL: remote.url, R_KEY: "sk-trace-key-abcdef0123456789" },
    });
    const model = makeModel({ name: "R", endpoint: "${R_URL}", apiKey: "${R_KEY}" });
    await callPrompt(makeSpec({ name: "traced", model }), {
      text: "my key is sk-trace-key-abcdef0123456789",
    });
    expect(JSON.stringify(sink.spans)).not.toContain("sk-trace-key-abcdef0123456789");
  });
});
