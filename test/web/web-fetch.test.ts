import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../cli/smallcode/contract/index.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanEnv, cleanup, run, tempDir, writeFile } from "../cli/smallcode/helpers.ts";

/**
 * web_fetch through the real CLI: a scripted model asks for a URL, pages come from an HTTP server on
 * 127.0.0.1 that the test starts, and the user's config (in a temporary HOME) decides what is allowed.
 * The guard's refusals are checked on the page server's own request log: a refused fetch never
 * reaches it.
 */

let model: ScriptedServer;
let pages: Server;
let origin: string;
const hits: string[] = [];

const PAGE = `<!doctype html><html><head><title>Docs</title><style>body{color:red}</style>
<script>var secret = "script text";</script></head>
<body><h1>Widget API</h1><p>Call <code>widget.spin(speed)</code> to spin.</p><img src="x.png"></body></html>`;

function startPages(): Promise<void> {
  pages = createServer((req, res) => {
    hits.push(req.url ?? "");
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": type, ...headers });
      res.end(body);
    };
    switch (req.url) {
      case "/robots.txt":
        return send(200, "text/plain", "User-agent: *\nDisallow: /private\n");
      case "/docs":
        return send(200, "text/html; charset=utf-8", PAGE);
      case "/private":
        return send(200, "text/plain", "private text");
      case "/logo.png":
        return send(200, "image/png", "\u0089PNG");
      case "/long":
        return send(200, "text/plain", "x".repeat(5000));
      case "/to-metadata":
        return send(302, "text/plain", "", { location: "http://169.254.169.254/latest/meta-data/" });
      case "/to-localhost":
        return send(302, "text/plain", "", {
          location: `http://localhost:${(pages.address() as AddressInfo).port}/docs`,
        });
      case "/to-docs":
        return send(301, "text/plain", "", { location: "/docs" });
      default:
        return send(404, "text/plain", "not found");
    }
  });
  return new Promise((resolve) => pages.listen(0, "127.0.0.1", resolve));
}

function script(args: Record<string, unknown>, pick = '["web"]') {
  return {
    models: ["scripted-model"],
    rules: [
      { prompt: "classify_task_type", replies: [{ content: "search" }] },
      { prompt: "pick_tool_categories", replies: [{ content: pick }] },
      {
        prompt: "act",
        replies: [{ toolCalls: [{ name: "web_fetch", arguments: args }] }, { content: "Read it." }],
      },
    ],
    fallback: { content: "ok" },
  };
}

/** A HOME whose user config holds `config` (TOML). */
function home(config: string): Record<string, string> {
  const env = cleanEnv();
  if (config !== "") writeFile(env.HOME!, ".config/smallcode/config.toml", config);
  return env;
}

const ENABLED = '[web]\nenabled = true\nallow_hosts = ["127.0.0.1"]\n';

/** Runs a task whose model calls web_fetch(args); the tool's result and the page server's new hits. */
async function fetchVia(
  args: Record<string, unknown>,
  config: string,
  dir = tempDir({ "README.md": "# x\n" }),
) {
  model.setScript(script(args));
  const before = hits.length;
  const r = await run(
    dir,
    ["run", "read the widget docs", "--json", "--base-url", model.url, "--model", "scripted-model"],
    {
      env: home(config),
    },
  );
  const requests = model.chatRequests("act");
  const messages = (requests.at(-1)!.body as { messages: { role: string; content: string }[] }).messages;
  const output = messages.filter((m) => m.role === "tool").at(-1)?.content ?? "";
  const tools = ((requests.at(-1)!.body as { tools?: { function: { name: string } }[] }).tools ?? []).map(
    (t) => t.function.name,
  );
  const result = r.stdout ? (JSON.parse(r.stdout) as RunResult) : undefined;
  return { r, result, output, tools, hits: hits.slice(before) };
}

beforeAll(async () => {
  model = await startScriptedServer(script({ url: "x" }));
  await startPages();
  origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await model.close();
  await new Promise((resolve) => pages.close(resolve));
  cleanup();
});

describe("web_fetch", () => {
  it("reads an allowed host's page as text: robots.txt first, scripts and styles dropped", async () => {
    const { result, output, tools, hits: seen } = await fetchVia({ url: `${origin}/docs` }, ENABLED);
    expect(tools).toContain("web_fetch");
    expect(result!.toolCalls).toEqual([expect.objectContaining({ name: "web_fetch", ok: true })]);
    expect(output).toContain("WIDGET API");
    expect(output).toContain("Call widget.spin(speed) to spin.");
    expect(output).not.toContain("script text");
    expect(output).not.toContain("color:red");
    expect(seen).toEqual(["/robots.txt", "/docs"]);
  });

  it("is off unless the user enabled it, and then never connects", async () => {
    const { result, output, tools, hits: seen } = await fetchVia({ url: `${origin}/docs` }, "");
    expect(tools).not.toContain("web_fetch");
    expect(result!.toolCalls).toEqual([expect.objectContaining({ name: "web_fetch", ok: false })]);
    expect(output).toContain("web_fetch is off");
    expect(seen).toEqual([]);
  });

  it("refuses loopback when the host is not allowed", async () => {
    const { output, hits: seen } = await fetchVia({ url: `${origin}/docs` }, "[web]\nenabled = true\n");
    expect(output).toContain("refused to connect to `127.0.0.1`: 127.0.0.1 is not a public address");
    expect(output).toContain('allow_hosts = ["127.0.0.1"]');
    expect(seen).toEqual([]);
  });

  it("refuses a DNS name that resolves to loopback (localhost), even with 127.0.0.1 allowed", async () => {
    const port = (pages.address() as AddressInfo).port;
    const { output, hits: seen } = await fetchVia({ url: `http://localhost:${port}/docs` }, ENABLED);
    expect(output).toMatch(
      /refused to connect to `localhost`: it resolves to (127\.0\.0\.1|::1), which is not a public address/,
    );
    expect(seen).toEqual([]);
  });

  it("refuses a redirect to the metadata address and to localhost; follows one on the same host", async () => {
    const metadata = await fetchVia({ url: `${origin}/to-metadata` }, ENABLED);
    expect(metadata.output).toContain(
      "refused to connect to `169.254.169.254`: 169.254.169.254 is not a public address",
    );
    expect(metadata.result!.toolCalls[0]!.ok).toBe(false);
    const local = await fetchVia({ url: `${origin}/to-localhost` }, ENABLED);
    expect(local.output).toContain("refused to connect to `localhost`");
    expect(local.hits).toEqual(["/robots.txt", "/to-localhost"]);
    const same = await fetchVia({ url: `${origin}/to-docs` }, ENABLED);
    expect(same.output).toContain(`${origin}/to-docs → ${origin}/docs`);
    expect(same.output).toContain("WIDGET API");
  });

  it("obeys robots.txt, refuses non-text content, and caps the text", async () => {
    const robots = await fetchVia({ url: `${origin}/private` }, ENABLED);
    expect(robots.output).toContain("is disallowed by");
    expect(robots.hits).not.toContain("/private");
    const image = await fetchVia({ url: `${origin}/logo.png` }, ENABLED);
    expect(image.output).toContain("is `image/png`, not a text page");
    const long = await fetchVia({ url: `${origin}/long`, max_chars: 1000 }, ENABLED);
    expect(long.output).toContain("[… 4000 more characters");
    const file = await fetchVia({ url: "file:///etc/passwd" }, ENABLED);
    expect(file.output).toContain("only http and https URLs can be fetched");
  });

  it("a project file cannot configure it: exit 2 naming the file, line and key", async () => {
    const dir = tempDir({ "smallcode.toml": 'model = "m"\n\n[web]\nenabled = true\n' });
    const { r } = await fetchVia({ url: `${origin}/docs` }, "", dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, "smallcode.toml")}:4`);
    expect(r.stderr).toContain("web.enabled");
    expect(r.stderr).toContain("a project file cannot configure web_fetch");
    expect(existsSync(join(dir, ".smallcode"))).toBe(false);
  });
});
