import { appendFileSync, mkdirSync } from "node:fs";
import { appendFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { RuntimeWarning } from "./config.ts";
import type { Span, TraceSink } from "./trace.ts";

/** Keeps spans in memory (tests, the terminal UI). */
export class MemoryTraceSink implements TraceSink {
  readonly spans: Span[] = [];

  write(span: Span): void {
    this.spans.push(span);
  }

  /** Spans of one kind. */
  ofKind(kind: string): Span[] {
    return this.spans.filter((s) => s.kind === kind);
  }
}

/** Writes one JSON line per span to stderr (`SMALLCODE_COGNITION_LOG=stderr`). */
export class StderrTraceSink implements TraceSink {
  write(span: Span): void {
    process.stderr.write(`${JSON.stringify(span)}\n`);
  }
}

const open = new Set<JsonlFileSink>();
let exitHook = false;

/**
 * Appends one JSON line per span to a file, in batches (one write per tick); whatever is still
 * buffered when the process exits is written synchronously.
 */
export class JsonlFileSink implements TraceSink {
  readonly #pathOf: () => string;
  readonly #onWarning: (warning: RuntimeWarning) => void;
  #buffer: string[] = [];
  #pending: Promise<void> = Promise.resolve();
  #scheduled = false;
  #madeDirs = new Set<string>();

  /**
   * @param path the file, or a function giving it (a new file per day)
   * @param onWarning told once when the file cannot be written; default: one line on stderr
   */
  constructor(path: string | (() => string), onWarning?: (warning: RuntimeWarning) => void) {
    this.#pathOf = typeof path === "string" ? () => path : path;
    this.#onWarning = onWarning ?? ((w) => void process.stderr.write(`smallcode: warning: ${w.message}\n`));
    open.add(this);
    if (!exitHook) {
      exitHook = true;
      process.once("exit", () => {
        for (const sink of open) sink.flushSync();
      });
    }
  }

  write(span: Span): void {
    this.#buffer.push(`${JSON.stringify(span)}\n`);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.flush().catch((error: unknown) => this.#reportOnce(error));
    });
  }

  #reported = false;

  #reportOnce(error: unknown): void {
    if (this.#reported) return;
    this.#reported = true;
    this.#onWarning({
      code: "TRACE_SINK_FAILED",
      message: `cannot write trace spans to ${this.#pathOf()} (${error instanceof Error ? error.message : String(error)}); calls go on without them`,
    });
  }

  /** Writes buffered spans; rejects when the file cannot be written (the spans are then dropped). */
  flush(): Promise<void> {
    const lines = this.#buffer;
    this.#buffer = [];
    if (lines.length === 0) return this.#pending;
    const path = this.#pathOf();
    const step = this.#pending.then(async () => {
      const dir = dirname(path);
      if (!this.#madeDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        this.#madeDirs.add(dir);
      }
      await appendFile(path, lines.join(""), "utf8");
    });
    this.#pending = step.catch(() => {});
    return step;
  }

  /** Writes buffered spans now, synchronously (process exit). Never throws. */
  flushSync(): void {
    if (this.#buffer.length === 0) return;
    try {
      const path = this.#pathOf();
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, this.#buffer.join(""), "utf8");
    } catch {
      // nowhere left to report it
    }
    this.#buffer = [];
  }

  /** Stops writing through this sink (after the configuration changed). */
  close(): Promise<void> {
    open.delete(this);
    return this.flush().catch(() => {});
  }
}

/** Spans under `.smallcode/traces/` (or another directory), one `YYYY-MM-DD.jsonl` file per day. */
export class DirectoryTraceSink extends JsonlFileSink {
  readonly dir: string;

  constructor(
    dir = join(process.cwd(), ".smallcode", "traces"),
    onWarning?: (warning: RuntimeWarning) => void,
  ) {
    super(() => join(dir, `${new Date().toISOString().slice(0, 10)}.jsonl`), onWarning);
    this.dir = dir;
  }
}
