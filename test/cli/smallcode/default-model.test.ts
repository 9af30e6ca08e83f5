import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StringWriter } from "../../../cli/smallcode/io.ts";
import { main } from "../../../cli/smallcode/main.ts";
import { DEFAULT_MODEL, formatBytes, modelUrl } from "../../../cli/smallcode/models/catalog.ts";
import { testModel } from "../../../cli/testkit/test-models.ts";
import { deadUrl, type FileServer, startFileServer } from "../../support/file-server.ts";
import { cleanup, run, tempDir } from "./helpers.ts";

/**
 * `smallcode` with no server configured, through the real CLI: without consent nothing is downloaded
 * and the error names the way on; `smallcode models pull` downloads from the mirror the user set (a
 * loopback server serving a real GGUF) and refuses what does not match the pin; a project cannot
 * move the download or choose the weights.
 */

let server: FileServer;
const pinnedPath = `/${DEFAULT_MODEL.repo}/resolve/${DEFAULT_MODEL.revision}/${DEFAULT_MODEL.file}`;

beforeAll(async () => {
  // the hub's path for the pinned file, serving the SmolLM2 test model (another size and checksum)
  server = await startFileServer({ [pinnedPath]: testModel("smollm2-135m") });
}, 120_000);

afterAll(async () => {
  await server.close();
  cleanup();
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { HOME: tempDir(), SMALLCODE_MODEL_MIRROR: server.url, ...extra };
}

const cacheOf = (e: Record<string, string>) => join(e.HOME!, ".cache", "smallcode", "models");

describe("no base URL, no cached model, nobody to ask", () => {
  it("refuses to download, naming --download-model, `smallcode models pull` and --model-file", async () => {
    const e = env();
    const before = server.requests.length;
    const r = await run(tempDir(), ["run", "say hi", "--json"], { env: e });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const cache = cacheOf(e);
    expect(r.stderr).toBe(
      `smallcode: error: no model: no model server is configured and the default model, ${DEFAULT_MODEL.title}, is not downloaded yet (${formatBytes(DEFAULT_MODEL.size)}, into ${cache})\n` +
        "  fix: pass --download-model to download it now (or run `smallcode models pull` once); " +
        `download ${modelUrl(DEFAULT_MODEL, server.url)} yourself (${formatBytes(DEFAULT_MODEL.size)}, sha256 ${DEFAULT_MODEL.sha256}) ` +
        `and pass --model-file PATH, or put it at ${join(cache, DEFAULT_MODEL.file)}; or use a model server with --base-url URL\n`,
    );
    expect(server.requests.length).toBe(before); // nothing was fetched
    expect(existsSync(cache)).toBe(false);
  });

  it("doctor says the model is not downloaded yet and how to get it, without downloading", async () => {
    const e = env();
    const before = server.requests.length;
    const r = await run(tempDir(), ["doctor", "--no-color"], { env: e });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("base_url        (none: the embedded model)");
    expect(r.stdout).toContain("Embedded model (in process, no server)");
    expect(r.stdout).toContain("✗ no model server is configured and the default model");
    expect(r.stdout).toContain("fix: pass --download-model to download it now");
    expect(server.requests.length).toBe(before);
  });

  it("a configured base URL keeps the server path (no model download is even considered)", async () => {
    const url = await deadUrl();
    const r = await run(tempDir(), ["run", "t", "--json"], { env: env({ SMALLCODE_BASE_URL: url }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `no model server answered at ${url} (base_url from environment SMALLCODE_BASE_URL)`,
    );
  });
});

describe("smallcode models pull", () => {
  it("downloads from the mirror and refuses a file that is not the pinned one, keeping nothing", async () => {
    const e = env();
    const before = server.requests.length;
    const r = await run(tempDir(), ["models", "pull"], { env: e });
    expect(r.code).toBe(2);
    expect(server.requests.slice(before)).toEqual([{ path: pinnedPath }]);
    const served = statSync(testModel("smollm2-135m")).size;
    expect(r.stderr).toContain(`from ${server.url}${pinnedPath}`);
    expect(r.stderr).toContain(
      `smallcode: error: no model: ${server.url}${pinnedPath}: the download of ${DEFAULT_MODEL.title} failed: ` +
        `the server offers ${served} bytes, but the pinned file has ${DEFAULT_MODEL.size}: this is not the expected file`,
    );
    expect(r.stderr).toContain("and pass --model-file PATH");
    expect(readdirSync(cacheOf(e))).toEqual([]);
  });

  it("says how to go on when the mirror cannot be reached", async () => {
    const url = await deadUrl();
    const r = await run(tempDir(), ["models", "pull"], { env: env({ SMALLCODE_MODEL_MIRROR: url }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`failed: could not reach ${new URL(url).host} (ECONNREFUSED)`);
    expect(r.stderr).toContain(
      "fix: check the network (or set SMALLCODE_MODEL_MIRROR to a mirror you can reach); or download ",
    );
    expect(r.stderr).toContain("and pass --model-file PATH");
  });

  it("`smallcode models` says whether the default model is there", async () => {
    const r = await run(tempDir(), ["models", "--json"], { env: env() });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      model: DEFAULT_MODEL.title,
      size: 1_117_320_768,
      sha256: DEFAULT_MODEL.sha256,
      downloaded: false,
      url: `${server.url}${pinnedPath}`,
    });
  });
});

describe("a project cannot choose the weights or where they come from", () => {
  it("refuses [embedded] in smallcode.toml with its file and line", async () => {
    const dir = tempDir({ "smallcode.toml": 'model = "x"\n[embedded]\nmirror = "http://evil.example"\n' });
    const r = await run(dir, ["run", "t"], { env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `refused project setting: ${join(dir, "smallcode.toml")}:3: a project file cannot configure the embedded model (\`embedded.mirror\`)`,
    );
  });

  it("ignores SMALLCODE_MODEL_MIRROR, SMALLCODE_MODEL_FILE and SMALLCODE_THREADS in the project's .env, and says so", async () => {
    const dir = tempDir({
      ".env": `SMALLCODE_MODEL_MIRROR=${server.url}\nSMALLCODE_MODEL_FILE=${testModel("smollm2-135m")}\nSMALLCODE_THREADS=512\n`,
    });
    const e = { HOME: tempDir() };
    const before = server.requests.length;
    // `models` shows the URL a pull would use, without downloading (the hub may be reachable elsewhere)
    const r = await run(dir, ["models", "--json"], { env: e });
    expect(r.stderr).toContain(
      `smallcode: warning: ${join(dir, ".env")}:1 sets SMALLCODE_MODEL_MIRROR, which a project cannot choose; it is ignored`,
    );
    expect(r.stderr).toContain(`${join(dir, ".env")}:2 sets SMALLCODE_MODEL_FILE`);
    expect(r.stderr).toContain(`${join(dir, ".env")}:3 sets SMALLCODE_THREADS`);
    expect(JSON.parse(r.stdout).url).toBe(`https://huggingface.co${pinnedPath}`);
    // and a run does not load the project's model file: it asks for the default model instead
    const task = await run(dir, ["run", "t", "--json"], { env: e });
    expect(task.code).toBe(2);
    expect(task.stderr).toContain(
      "the default model, Qwen2.5-Coder-1.5B-Instruct (Q4_K_M), is not downloaded yet",
    );
    expect(server.requests.length).toBe(before);
  });
});

/** Runs `smallcode argv` in-process as if on a terminal: stdin and stderr are TTYs, `answer` is typed. */
async function onTerminal(argv: readonly string[], answer: string, e: Record<string, string>) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  stdin.end(answer);
  const stdout = new StringWriter();
  const stderr = Object.assign(new StringWriter(), { isTTY: true });
  const code = await main(argv, { cwd: tempDir(), env: e, stdout, stderr, stdin });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("the download prompt on a terminal", () => {
  it("asks first, and downloads nothing when the answer is no", async () => {
    const before = server.requests.length;
    const r = await onTerminal(["run", "say hi"], "n\n", env());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `No model server is configured, so SmallCode runs its default model in process: ${DEFAULT_MODEL.title}.`,
    );
    expect(r.stderr).toContain("Download it now? [y/N] ");
    expect(r.stderr).toContain("smallcode: error: no model:");
    expect(server.requests.length).toBe(before);
  });

  it("downloads (from the configured mirror) when the answer is yes", async () => {
    const before = server.requests.length;
    const r = await onTerminal(["run", "say hi"], "y\n", env());
    expect(r.code).toBe(2); // the mirror serves another file: refused by its size
    expect(server.requests.slice(before)).toEqual([{ path: pinnedPath }]);
    expect(r.stderr).toContain("this is not the expected file");
  });
});
