import { createHash } from "node:crypto";
import { copyFileSync, createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StringWriter } from "../../../cli/smallcode/io.ts";
import { downloadFile, partPath } from "../../../cli/smallcode/models/download.ts";
import { downloadView, formatDownload, formatDuration } from "../../../cli/smallcode/models/progress.ts";
import { testModel } from "../../../cli/testkit/test-models.ts";
import { deadUrl, type FileServer, startFileServer } from "../../support/file-server.ts";
import { cleanup, tempDir } from "./helpers.ts";

/**
 * The model downloader against a real HTTP server on loopback that serves a real GGUF (the SmolLM2
 * test model): a whole download, a resume after the server drops the connection mid-way, a server
 * that ignores Range, a checksum that does not match, a 404, and nothing listening.
 */

let server: FileServer;
let model: string;
let size: number;
let sha256: string;

async function sha(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

beforeAll(async () => {
  model = testModel("smollm2-135m");
  size = statSync(model).size;
  sha256 = await sha(model);
  server = await startFileServer({ "/m/model.gguf": model });
}, 120_000);

afterAll(async () => {
  await server.close();
  cleanup();
});

const request = (dest: string, extra: Partial<Parameters<typeof downloadFile>[0]> = {}) => ({
  url: `${server.url}/m/model.gguf`,
  dest,
  size,
  sha256,
  ...extra,
});

describe("downloadFile", () => {
  it("downloads the whole file, verified, and renames it into place", async () => {
    const dest = join(tempDir(), "cache", "model.gguf");
    const seen: number[] = [];
    const result = await downloadFile(request(dest, { onProgress: (p) => seen.push(p.received) }));
    expect(result).toEqual({ ok: true, path: dest, bytes: size, resumedFrom: 0 });
    expect(await sha(dest)).toBe(sha256);
    expect(existsSync(partPath(dest))).toBe(false);
    expect(seen.at(-1)).toBe(size);
  });

  it("keeps the part when the connection breaks, and resumes from it with a Range request", async () => {
    const dest = join(tempDir(), "model.gguf");
    server.cutNextAfter(30_000_000);
    const first = await downloadFile(request(dest));
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.problem).toMatchObject({ code: "interrupted", partKept: true, where: partPath(dest) });
    expect(existsSync(dest)).toBe(false);
    const kept = statSync(partPath(dest)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(size);
    const before = server.requests.length;
    const second = await downloadFile(request(dest));
    expect(second).toEqual({ ok: true, path: dest, bytes: size, resumedFrom: kept });
    expect(server.requests.slice(before)).toEqual([{ path: "/m/model.gguf", range: `bytes=${kept}-` }]);
    expect(await sha(dest)).toBe(sha256);
    expect(existsSync(partPath(dest))).toBe(false);
  });

  it("finishes a complete part without asking the server again", async () => {
    const dest = join(tempDir(), "model.gguf");
    copyFileSync(model, partPath(dest));
    const before = server.requests.length;
    const result = await downloadFile(request(dest));
    expect(result).toEqual({ ok: true, path: dest, bytes: size, resumedFrom: size });
    expect(server.requests.length).toBe(before);
    expect(existsSync(partPath(dest))).toBe(false);
  });

  it("starts over when the server ignores the Range request", async () => {
    const dest = join(tempDir(), "model.gguf");
    writeFileSync(partPath(dest), Buffer.alloc(1000, 7)); // a part whose bytes would not hash right
    server.ignoreRange = true;
    try {
      const result = await downloadFile(request(dest));
      expect(result).toEqual({ ok: true, path: dest, bytes: size, resumedFrom: 0 });
      expect(await sha(dest)).toBe(sha256);
    } finally {
      server.ignoreRange = false;
    }
  });

  it("deletes the part and says so when the checksum does not match", async () => {
    const dest = join(tempDir(), "model.gguf");
    const wrong = "0".repeat(64);
    const result = await downloadFile(request(dest, { sha256: wrong }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe("checksum");
    expect(result.problem.message).toBe(
      `the downloaded file's sha256 is ${sha256}, expected ${wrong}; the file was deleted`,
    );
    expect(existsSync(partPath(dest))).toBe(false);
    expect(existsSync(dest)).toBe(false);
  });

  it("refuses a file of another size before downloading it", async () => {
    const dest = join(tempDir(), "model.gguf");
    const result = await downloadFile(request(dest, { size: size + 1 }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe("size");
    expect(result.problem.message).toContain(
      `the server offers ${size} bytes, but the pinned file has ${size + 1}`,
    );
    expect(existsSync(partPath(dest))).toBe(false);
  });

  it("reports a 404 and a server that is not there, keeping no file", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "a"));
    const missing = await downloadFile(request(join(dir, "a", "m.gguf"), { url: `${server.url}/nope.gguf` }));
    expect(missing).toEqual({
      ok: false,
      problem: {
        code: "not_found",
        message: "the server has no such file (HTTP 404)",
        where: `${server.url}/nope.gguf`,
        partKept: false,
      },
    });
    const url = `${await deadUrl()}/m/model.gguf`;
    const offline = await downloadFile(request(join(dir, "b.gguf"), { url }));
    expect(offline.ok).toBe(false);
    if (offline.ok) return;
    expect(offline.problem.code).toBe("offline");
    expect(offline.problem.message).toBe(`could not reach ${new URL(url).host} (ECONNREFUSED)`);
    expect(existsSync(join(dir, "b.gguf.part"))).toBe(false);
  });
});

describe("download progress", () => {
  it("shows the bar, the sizes, the speed of this run and the time left", () => {
    expect(
      formatDownload({ received: 500_000_000, total: 1_000_000_000, resumedFrom: 0, elapsedMs: 10_000 }),
    ).toBe("[############------------]  50%  500 MB / 1.00 GB  50.0 MB/s  ETA 0:10");
    // a resumed download's speed counts only the bytes of this run
    expect(
      formatDownload({
        received: 600_000_000,
        total: 1_117_320_768,
        resumedFrom: 500_000_000,
        elapsedMs: 2_000,
      }),
    ).toBe("[#############-----------]  53%  600 MB / 1.12 GB  50.0 MB/s  ETA 0:10");
    expect(formatDownload({ received: 0, total: 98_362_432, resumedFrom: 0, elapsedMs: 0 })).toBe(
      "[------------------------]   0%  0 B / 98.4 MB  0 B/s  ETA ?",
    );
    expect(formatDuration(3725)).toBe("1:02:05");
  });

  it("writes a line per tenth when stderr is not a terminal", () => {
    const out = new StringWriter();
    const view = downloadView(out);
    for (let received = 0; received <= 1000; received += 50)
      view.update({ received, total: 1000, resumedFrom: 0, elapsedMs: 1000 });
    view.done();
    expect(out.text.split("\n").filter((l) => l !== "")).toHaveLength(11);
    expect(out.text).not.toContain("\r");
  });
});
