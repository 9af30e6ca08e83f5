import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, stat, truncate, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Downloads one pinned file over HTTP(S) with `fetch`: into `<dest>.part`, resumed with a `Range`
 * request when a part is already there, hashed as it arrives (the part's bytes first), checked
 * against the pinned size and sha256, then renamed into place (atomic: the final name only ever
 * holds a verified file). A bad checksum deletes the part. Every failure is a value that says what
 * happened, where, and how to go on.
 */

/** Why a download did not finish. */
export interface DownloadProblem {
  readonly code:
    | "offline"
    | "not_found"
    | "http"
    | "size"
    | "checksum"
    | "interrupted"
    | "disk"
    | "cancelled";
  readonly message: string;
  /** The URL or file the problem is about. */
  readonly where: string;
  /** Whether the part file was kept (a later run resumes from it). */
  readonly partKept: boolean;
}

/** The outcome of {@link downloadFile}. */
export type DownloadResult =
  | { readonly ok: true; readonly path: string; readonly bytes: number; readonly resumedFrom: number }
  | { readonly ok: false; readonly problem: DownloadProblem };

/** How far a download is. */
export interface DownloadProgress {
  /** Bytes in the part file so far (resumed bytes included). */
  readonly received: number;
  readonly total: number;
  /** Bytes that were already there when this run started. */
  readonly resumedFrom: number;
  /** Milliseconds since this run's transfer started. */
  readonly elapsedMs: number;
}

/** What to download, and where. */
export interface DownloadRequest {
  readonly url: string;
  /** The final path; the part lives next to it as `<dest>.part`. */
  readonly dest: string;
  readonly size: number;
  /** Lower-case hex sha256 of the whole file. */
  readonly sha256: string;
  readonly signal?: AbortSignal;
  /** Called as bytes arrive (and once when the transfer starts). */
  readonly onProgress?: (progress: DownloadProgress) => void;
}

/** The part file of a download to `dest`. */
export function partPath(dest: string): string {
  return `${dest}.part`;
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

/** Feeds the bytes already in the part file to the hash. */
async function hashFile(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

function fail(
  code: DownloadProblem["code"],
  message: string,
  where: string,
  partKept: boolean,
): DownloadResult {
  return { ok: false, problem: { code, message, where, partKept } };
}

/** The network error's own code (`ECONNREFUSED`, `ENOTFOUND`) behind fetch's "fetch failed". */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

/** Downloads (or resumes) `request.url` into `request.dest`; never throws for network or disk trouble. */
export async function downloadFile(request: DownloadRequest): Promise<DownloadResult> {
  const { url, dest, size, sha256, signal } = request;
  const part = partPath(dest);
  try {
    await mkdir(dirname(dest), { recursive: true });
  } catch (error) {
    return fail("disk", `cannot create ${dirname(dest)}: ${(error as Error).message}`, dirname(dest), false);
  }
  let have = (await sizeOf(part)) ?? 0;
  if (have > size) {
    await unlink(part).catch(() => {});
    have = 0;
  }
  let hash = createHash("sha256");
  if (have > 0) await hashFile(part, hash);
  let resumedFrom = have;
  const started = Date.now();
  if (have < size) {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: have > 0 ? { Range: `bytes=${have}-` } : {},
        redirect: "follow",
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) return fail("cancelled", "the download was cancelled", url, have > 0);
      return fail("offline", `could not reach ${new URL(url).host} (${causeOf(error)})`, url, have > 0);
    }
    if (response.status === 404)
      return fail("not_found", `the server has no such file (HTTP 404)`, url, have > 0);
    const partial = response.status === 206;
    if (!response.ok || !response.body) {
      void response.body?.cancel().catch(() => {});
      return fail(
        "http",
        `the server answered HTTP ${response.status} ${response.statusText}`,
        url,
        have > 0,
      );
    }
    if (!partial && have > 0) {
      // the server ignored the Range request: start over rather than append the whole file again
      await truncate(part, 0);
      hash = createHash("sha256");
      have = 0;
      resumedFrom = 0;
    }
    const length = Number(response.headers.get("content-length") ?? Number.NaN);
    if (Number.isFinite(length) && have + length !== size) {
      void response.body.cancel().catch(() => {}); // not awaited: the server may still be sending
      await unlink(part).catch(() => {});
      return fail(
        "size",
        `the server offers ${have + length} bytes, but the pinned file has ${size}: this is not the expected file`,
        url,
        false,
      );
    }
    let received = have;
    const report = () =>
      request.onProgress?.({ received, total: size, resumedFrom, elapsedMs: Date.now() - started });
    report();
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > size) return done(new Error(`the server sent more than the ${size} bytes expected`));
        hash.update(chunk);
        report();
        done(null, chunk);
      },
    });
    try {
      const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
      await pipeline(body, meter, createWriteStream(part, { flags: "a" }), signal ? { signal } : {});
    } catch (error) {
      if (signal?.aborted)
        return fail("cancelled", `the download was cancelled at ${received} of ${size} bytes`, part, true);
      const disk = (error as { code?: string }).code;
      if (disk === "ENOSPC" || disk === "EACCES" || disk === "EROFS")
        return fail("disk", `cannot write ${part}: ${(error as Error).message}`, part, true);
      return fail(
        "interrupted",
        `the connection broke at ${received} of ${size} bytes (${causeOf(error)})`,
        part,
        true,
      );
    }
    if (received !== size)
      return fail("interrupted", `the server stopped sending at ${received} of ${size} bytes`, part, true);
  }
  const digest = hash.digest("hex");
  if (digest !== sha256.toLowerCase()) {
    await unlink(part).catch(() => {});
    return fail(
      "checksum",
      `the downloaded file's sha256 is ${digest}, expected ${sha256}; the file was deleted`,
      url,
      false,
    );
  }
  try {
    await rename(part, dest);
  } catch (error) {
    return fail("disk", `cannot move ${part} to ${dest}: ${(error as Error).message}`, dest, true);
  }
  return { ok: true, path: dest, bytes: size, resumedFrom };
}
