import { Worker } from "node:worker_threads";

/**
 * Matching files against a model-written regular expression off the main thread. JavaScript regexes
 * backtrack, so a pattern like `(a+)+$` can take exponential time on one line; run in-process it would
 * freeze the agent (Ctrl-C included). Here it runs in a worker that is terminated when the time limit
 * passes or the signal aborts, and the caller learns where it was stuck.
 */

/** What to match: files (project-relative) under `root`, and the regex source. */
export interface WorkerJob {
  readonly root: string;
  readonly files: readonly string[];
  readonly source: string;
  /** Matches whose text is kept; the rest are only counted. */
  readonly keep: number;
  /** Stop counting at this many matching lines. */
  readonly countLimit: number;
  /** Files larger than this are skipped. */
  readonly maxFileBytes: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** Matches found in one file: its index in `files`, kept lines, and how many lines matched. */
interface FileHits {
  readonly file: number;
  readonly kept: readonly (readonly [number, string])[];
  readonly count: number;
}

/** The worker's result: hits per file, and why it ended. */
export interface WorkerOutcome {
  readonly hits: readonly FileHits[];
  /** `done`, or where matching was when it was stopped (`line` 0: before the file's lines). */
  readonly end:
    | { readonly kind: "done" }
    | { readonly kind: "timeout" | "aborted"; readonly file: string | null; readonly line: number }
    | { readonly kind: "error"; readonly message: string };
}

// Plain CommonJS evaluated as the worker's source, so the bundled build needs no separate file.
// Reads each file without following a symlink (O_NOFOLLOW) or blocking on a FIFO (O_NONBLOCK),
// skips binary files (a NUL byte), decodes like encoding.ts (UTF-8, else Latin-1), and records its
// position in shared memory before every line.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const { isUtf8 } = require("node:buffer");
const { join } = require("node:path");
const { root, files, source, keep, countLimit, maxFileBytes, progress } = workerData;
const at = new Int32Array(progress);
const re = new RegExp(source);
const flags = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW || 0) | (fs.constants.O_NONBLOCK || 0);
let kept = 0;
let total = 0;
function read(path) {
  let fd;
  try {
    fd = fs.openSync(path, flags);
    const info = fs.fstatSync(fd);
    if (!info.isFile() || info.size > maxFileBytes) return null;
    return fs.readFileSync(fd);
  } catch {
    return null;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
for (let i = 0; i < files.length && total < countLimit; i++) {
  Atomics.store(at, 0, i);
  Atomics.store(at, 1, 0);
  const buf = read(join(root, files[i]));
  if (buf === null || buf.includes(0)) continue;
  const lines = (isUtf8(buf) ? buf.toString("utf8") : buf.toString("latin1")).split("\\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const hit = [];
  let count = 0;
  for (let n = 0; n < lines.length && total < countLimit; n++) {
    Atomics.store(at, 1, n + 1);
    const text = lines[n].endsWith("\\r") ? lines[n].slice(0, -1) : lines[n];
    if (!re.test(text)) continue;
    count++;
    total++;
    if (kept < keep) {
      hit.push([n + 1, text]);
      kept++;
    }
  }
  if (count > 0) parentPort.postMessage({ file: i, kept: hit, count });
}
parentPort.postMessage({ done: true });
`;

/** Matches `job.files` in a worker; resolves when it finishes, times out, is aborted or fails. */
export function matchInWorker(job: WorkerJob): Promise<WorkerOutcome> {
  const progress = new SharedArrayBuffer(8);
  const at = new Int32Array(progress);
  const hits: FileHits[] = [];
  return new Promise((resolve) => {
    if (job.signal?.aborted) {
      resolve({ hits, end: { kind: "aborted", file: null, line: 0 } });
      return;
    }
    if (job.files.length === 0) {
      resolve({ hits, end: { kind: "done" } });
      return;
    }
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...job, signal: undefined, files: [...job.files], progress },
    });
    let settled = false;
    const finish = (end: WorkerOutcome["end"]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      job.signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      resolve({ hits, end });
    };
    const stopped = (kind: "timeout" | "aborted") => () => {
      const index = Atomics.load(at, 0);
      finish({ kind, file: job.files[index] ?? null, line: Atomics.load(at, 1) });
    };
    const onAbort = stopped("aborted");
    const timer = setTimeout(stopped("timeout"), job.timeoutMs);
    job.signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (m: FileHits | { done: true }) => {
      if ("done" in m) finish({ kind: "done" });
      else hits.push(m);
    });
    worker.on("error", (e: Error) => finish({ kind: "error", message: e.message }));
    worker.on("exit", (code) =>
      finish(
        code === 0 ? { kind: "done" } : { kind: "error", message: `the search worker exited with ${code}` },
      ),
    );
  });
}
