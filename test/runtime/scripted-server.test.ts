import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const chat = (url: string, body: object, headers: Record<string, string> = {}) =>
  fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hello there" }], ...body }),
  });

describe("scripted server", () => {
  it("lists models, picks replies by header or message, and records requests", async () => {
    server = await startScriptedServer({
      models: ["m"],
      rules: [
        { prompt: "p1", replies: [{ content: "first" }, { content: "second" }] },
        { match: "hello", replies: [{ content: "by message" }] },
      ],
    });
    const models = (await (await fetch(`${server.url}/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((m) => m.id)).toEqual(["m"]);
    type Completion = { choices: { message: { content: string } }[] };
    const text = async (r: Response) => ((await r.json()) as Completion).choices[0]!.message.content;
    expect(await text(await chat(server.url, {}, { "x-marrow-prompt": "p1" }))).toBe("first");
    expect(await text(await chat(server.url, {}, { "x-marrow-prompt": "p1" }))).toBe("second");
    expect(await text(await chat(server.url, {}, { "x-marrow-prompt": "p1" }))).toBe("second");
    expect(await text(await chat(server.url, {}))).toBe("by message");
    expect((await chat(server.url, { model: "other" })).status).toBe(404);
    expect(server.chatRequests("p1")).toHaveLength(3);
    expect(server.chatRequests("p1")[0]!.body.messages[0].content).toBe("hello there");
  });

  it("explains a request no rule matches", async () => {
    server = await startScriptedServer({});
    const response = await chat(server.url, {}, { "x-marrow-prompt": "lost" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /no rule matches prompt lost/,
    );
  });

  it("streams SSE with usage when asked", async () => {
    server = await startScriptedServer({ fallback: { content: "abcdefgh", chunkSize: 3 } });
    const response = await chat(server.url, { stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const events = (await response.text()).split("\n\n").filter(Boolean);
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)));
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("")).toBe("abcdefgh");
    expect(chunks.at(-1).usage).toMatchObject({ completion_tokens: 2 });
  });

  it("runs from the command line with a script file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "scripted-"));
    try {
      const script = join(dir, "script.json");
      await writeFile(
        script,
        JSON.stringify({ rules: [{ prompt: "cli", replies: [{ content: "from the cli" }] }] }),
      );
      const child = spawn(
        process.execPath,
        ["cli/testkit/scripted-server-cli.ts", "--port", "0", "--script", script],
        {
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      try {
        const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
        const url = line.replace(/^listening /, "");
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
        const reply = (await (await chat(url, {}, { "x-marrow-prompt": "cli" })).json()) as {
          choices: { message: { content: string } }[];
        };
        expect(reply.choices[0]!.message.content).toBe("from the cli");
      } finally {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
