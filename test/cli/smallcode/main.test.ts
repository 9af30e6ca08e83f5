import { afterAll, describe, expect, it } from "vitest";
import { saveSession } from "../../../cli/smallcode/sessions/index.ts";
import { startScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { cleanEnv, cleanup, run, tempDir, writeFile } from "./helpers.ts";
import { deadUrl, type FakeServer, startFake } from "./servers.ts";

const servers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  cleanup();
});

async function ollama(): Promise<FakeServer> {
  const s = await startFake("ollama", { models: ["qwen2.5-coder:7b", "llama3:latest"], context: 12000 });
  servers.push(s);
  return s;
}

describe("smallcode usage", () => {
  it("prints help and the version on stdout and exits 0", async () => {
    const help = await run(tempDir(), ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('smallcode run "<task>" [options]');
    expect((await run(tempDir(), ["doctor", "--help"])).stdout).toContain(
      "Usage: smallcode doctor [options]",
    );
    expect((await run(tempDir(), ["--version"])).stdout).toMatch(/^smallcode \d+\.\d+\.\d+\n$/);
  });

  it("exits 2 on bad usage, pointing at the right help", async () => {
    expect(await run(tempDir(), ["sesions"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "smallcode: error: unknown command `sesions` (did you mean `sessions`?)\nRun `smallcode --help` for usage.\n",
    });
    const r = await run(tempDir(), ["run", "task", "--max-steps", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Run `smallcode run --help` for usage.");
  });
});

describe("smallcode doctor", () => {
  it("prints the configuration with origins, the server and the windows; secrets masked", async () => {
    const s = await ollama();
    const dir = tempDir({
      "smallcode.toml": 'model = "qwen2.5-coder:7b"\napi_key_env = "MY_KEY"\n\n[guards]\nloop = false\n',
    });
    const env = cleanEnv({ MY_KEY: "sk-secret-value-1234567", SMALLCODE_BASE_URL: s.url });
    // a project may name one of the user's variables as the key only when the user trusts it
    writeFile(env.HOME!, ".config/smallcode/config.toml", `[trust]\nprojects = [${JSON.stringify(dir)}]\n`);
    const r = await run(dir, ["doctor"], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).not.toContain("sk-secret-value-1234567");
    expect(r.stdout).toMatch(/api_key\s+\*\*\*\*4567\s+environment MY_KEY/);
    expect(r.stdout).toMatch(/model\s+qwen2\.5-coder:7b\s+.*smallcode\.toml:1/);
    expect(r.stdout).toMatch(/base_url\s+http:\/\/127\.0\.0\.1:\d+\/v1\s+environment SMALLCODE_BASE_URL/);
    expect(r.stdout).toMatch(/guards\.loop\s+false\s+.*smallcode\.toml:5/);
    expect(r.stdout).toContain("server  Ollama 0.6.5");
    expect(r.stdout).toContain("models  2: qwen2.5-coder:7b, llama3:latest");
    // declared 8192 / 16384 / 32768; the server has 12000 → used = the smaller
    expect(r.stdout).toMatch(/TinyClassifier\s+qwen2\.5-coder:7b\s+8192\s+12000\s+8192/);
    expect(r.stdout).toMatch(/DefaultCoder\s+qwen2\.5-coder:7b\s+16384\s+12000\s+12000/);
    expect(r.stdout).toContain("server windows from Ollama /api/show model_info context_length");
    expect(r.stdout).toContain("✓ ready: qwen2.5-coder:7b at");
  });

  it("prints JSON with --json, and exits 2 when the model is missing", async () => {
    const s = await ollama();
    const r = await run(tempDir(), ["doctor", "--json", "--base-url", s.url, "--model", "qwen"]);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(false);
    expect(report.config.model).toEqual({ value: "qwen", origin: "--model" });
    expect(report.config.api_key).toEqual({ value: null, origin: "" });
    expect(report.endpoint).toMatchObject({ kind: "ollama", version: "0.6.5", reachable: true });
    expect(report.checked.message).toContain("model `qwen` is not available");
    expect(report.models.map((m: { name: string }) => m.name).sort()).toEqual([
      "DefaultCoder",
      "StrongCoder",
      "TinyClassifier",
    ]);
  });

  it("exits 2 and says how to start a server when nothing answers", async () => {
    const url = await deadUrl();
    const r = await run(tempDir(), ["doctor", "--base-url", url]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("server  nothing answered");
    expect(r.stdout).toContain(
      `✗ no model server answered at ${url} (base_url from --base-url) — start Ollama`,
    );
    expect(r.stdout).toContain("the server reports no window; the declared ones stand");
  });
});

describe("smallcode sessions", () => {
  it("lists saved sessions, newest first, as text or JSON", async () => {
    const dir = tempDir();
    expect((await run(dir, ["sessions"])).stdout).toBe("no saved sessions in .smallcode/sessions/\n");
    const base = {
      version: 1 as const,
      cwd: dir,
      createdAt: "2025-01-01T00:00:00.000Z",
      step: 3,
      history: [],
      toolCalls: [],
    };
    await saveSession({ ...base, id: "older", updatedAt: "2025-01-01T10:00:00.000Z", tasks: ["first task"] });
    await saveSession({
      ...base,
      id: "newer",
      updatedAt: "2025-01-02T10:00:00.000Z",
      tasks: ["a", "second task"],
    });
    const text = await run(tempDir(), ["sessions", "--cwd", dir]);
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n").slice(0, 2)).toEqual([
      "newer  2025-01-02 10:00:00    3 steps  unfinished  second task",
      "older  2025-01-01 10:00:00    3 steps  unfinished  first task",
    ]);
    const json = JSON.parse((await run(dir, ["sessions", "--json"])).stdout);
    expect(json.map((s: { id: string }) => s.id)).toEqual(["newer", "older"]);
  });
});

describe("smallcode eval", () => {
  it("asks for recordings before --replay", async () => {
    const r = await run(tempDir(), ["eval", "classify_accuracy", "--replay"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no recording for `classify_accuracy`");
  });

  it("names an unknown evaluation with a suggestion", async () => {
    const r = await run(tempDir(), ["eval", "clasify_accuracy", "--replay"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown evaluation `clasify_accuracy` (did you mean `classify_accuracy`?)");
  });

  it("runs SmallCode's evaluations against the configured endpoint and model", async () => {
    const server = await startScriptedServer({ models: ["m1"], fallback: { content: "coding" } });
    servers.push(server);
    const dir = tempDir();
    const r = await run(dir, [
      "eval",
      "classify_accuracy",
      "--base-url",
      server.url,
      "--model",
      "m1",
      "--json",
    ]);
    expect([0, 1]).toContain(r.code);
    const [result] = JSON.parse(r.stdout);
    expect(result).toMatchObject({ name: "classify_accuracy" });
    expect(server.chatRequests("classify_task_type").length).toBeGreaterThan(0);
    expect(server.chatRequests().every((q) => q.body.model === "m1")).toBe(true);
  });
});

describe("smallcode (interactive) through main", () => {
  it("reads tasks from stdin until the input ends", async () => {
    const server = await startScriptedServer({
      models: ["m1"],
      rules: [
        { prompt: "classify_task_type", replies: [{ content: "chat" }] },
        { prompt: "pick_tool_categories", replies: [{ content: '["read"]' }] },
        { prompt: "act", replies: [{ content: "Hello there." }] },
      ],
      fallback: { content: "ok" },
    });
    servers.push(server);
    const dir = tempDir();
    const r = await run(dir, ["--base-url", server.url, "--model", "m1", "--no-color"], {
      stdin: "say hello\n/model\n",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Hello there.");
    expect(r.stdout).toContain("✓ done");
    expect(r.stdout).toContain("model: m1\n");
  });

  it("exits 2 before reading input when no server answers", async () => {
    const r = await run(tempDir(), ["--base-url", await deadUrl()], { stdin: "task\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no model server answered");
  });
});

describe("smallcode eval without a server", () => {
  it("exits 2 with the endpoint message before running anything", async () => {
    const url = await deadUrl();
    const r = await run(tempDir(), ["eval", "--base-url", url, "--model", "m"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`no model server answered at ${url}`);
  });
});
